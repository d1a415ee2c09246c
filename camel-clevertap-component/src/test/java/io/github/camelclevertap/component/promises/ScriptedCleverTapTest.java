package io.github.camelclevertap.component.promises;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.github.camelclevertap.component.promises.ScriptedCleverTap.answer;
import static io.github.camelclevertap.component.promises.ScriptedCleverTap.computed;
import static io.github.camelclevertap.component.promises.ScriptedCleverTap.stallBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stand-in itself, as far as the regression tests rely on it.
 */
class ScriptedCleverTapTest {

    private ScriptedCleverTap clevertap;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        clevertap = ScriptedCleverTap.start();
    }

    @AfterEach
    void stop() {
        clevertap.close();
    }

    private HttpResponse<String> post(String body) throws Exception {
        HttpResponse<String> response = http.send(request(body), HttpResponse.BodyHandlers.ofString());
        // the stand-in counts a request out after its answer is written: one after another means after that
        await().atMost(java.time.Duration.ofSeconds(5)).until(() -> clevertap.inFlight() == 0);
        return response;
    }

    private HttpRequest request(String body) {
        return HttpRequest.newBuilder(URI.create(clevertap.baseUri() + "/1/upload"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    void answersInScriptOrderThenStoresEverythingAndRecordsEachBody() throws Exception {
        clevertap.then(answer(503, "{\"status\":\"fail\",\"error\":\"down\",\"code\":503}"),
                computed(request -> answer(200, "{\"echo\":" + request.path("d").get(0) + "}")));

        assertThat(post("{\"d\":[{\"identity\":\"a\"}]}").statusCode()).isEqualTo(503);
        assertThat(post("{\"d\":[{\"identity\":\"b\"}]}").body()).isEqualTo("{\"echo\":{\"identity\":\"b\"}}");
        HttpResponse<String> unscripted = post("{\"d\":[{\"identity\":\"c\"},{\"identity\":\"d\"}]}");

        assertThat(unscripted.statusCode()).isEqualTo(200);
        assertThat(unscripted.body()).contains("\"status\":\"success\"", "\"processed\":2");
        assertThat(clevertap.records()).extracting(r -> r.path("identity").asText()).containsExactly("a", "b", "c", "d");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> clevertap.inFlight() == 0);
        assertThat(clevertap.peakInFlight()).isEqualTo(1);
    }

    @Test
    void stalledBodySendsHeadersAtOnceAndNoticesTheClientClosing() throws Exception {
        clevertap.then(stallBody(200, "{\"status\":\"success\"}", 30_000));

        CompletableFuture<HttpResponse<java.io.InputStream>> headers =
                http.sendAsync(request("{\"d\":[]}"), HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<java.io.InputStream> response = headers.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(clevertap.inFlight()).isEqualTo(1);

        response.body().close(); // the client gives up the body: the JDK client closes the connection

        await().atMost(Duration.ofSeconds(5))
                .until(() -> clevertap.stallsClosedByClient() == 1 && clevertap.inFlight() == 0);
        assertThat(clevertap.stallsCompleted()).isZero();
    }

    @Test
    void shortStallCompletesTheBody() throws Exception {
        clevertap.then(stallBody(200, "{\"status\":\"success\"}", 200));

        assertThat(post("{\"d\":[]}").body().strip()).isEqualTo("{\"status\":\"success\"}");
        // counted by the stand-in after its last write, which the client may read first
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(clevertap.stallsCompleted()).isEqualTo(1));
    }
}
