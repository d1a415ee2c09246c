package io.github.camelclevertap.routetemplates;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.emulator.Fault;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumerAware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhook calls wait for CleverTap without holding a thread: with a Vert.x worker pool and Camel thread pools of 4
 * threads, 2,000 calls wait at once while the emulator holds its answers, and each caller then gets its own record's
 * outcome; past the bound on waiting calls, a call is answered 503 with Retry-After at once.
 */
class WebhookWaitingCallsTest {

    private static final String ACCOUNT = "ACC-WebhookWaitingCallsTest";
    private static final String PASSCODE = "pc-webhook-waiting-SECRET";
    private static final String SECRET = "wh-waiting-s3cr3t";
    private static final int WAITING = 2_000;
    private static final int INVALID = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @RegisterExtension
    static final CamelMainRunner CAMEL = CamelMainRunner
            .httpRoutes("routes/clevertap-webhook-waiting.yaml", ACCOUNT, PASSCODE)
            // the blocking platform-http consumer could serve 4 calls at once with these
            .property("camel.beans.vertxOptions", "#class:io.vertx.core.VertxOptions")
            .property("camel.beans.vertxOptions.workerPoolSize", "4")
            .property("camel.threadpool.pool-size", "4")
            .property("camel.threadpool.max-pool-size", "4")
            .property("webhook.secret", SECRET);
    static final EmulatorExtension EMULATOR = CAMEL.emulator();

    @Test
    void twoThousandCallsWaitAtOnceOnFourThreadsAndEachGetsItsOwnOutcome() throws Exception {
        EMULATOR.get().holdAnswers();
        // one of the held upload requests fails: its callers, and only they, are answered 503
        EMULATOR.get().faults().enqueue(Fault.status(503));
        Map<String, CompletableFuture<HttpResponse<String>>> valid = new LinkedHashMap<>();
        Map<String, CompletableFuture<HttpResponse<String>>> invalid = new LinkedHashMap<>();
        for (int i = 0; i < WAITING + INVALID; i++) {
            String id = "u-" + i;
            // every 21st record has a name CleverTap refuses (more than 512 bytes): answered at once, code 512
            boolean refused = i % 21 == 20 && invalid.size() < INVALID;
            String name = refused ? "N".repeat(600) : "User " + i;
            (refused ? invalid : valid).put(id, HTTP.sendAsync(request("waiting/signup",
                    "{\"user_id\": \"" + id + "\", \"name\": \"" + name + "\"}"), HttpResponse.BodyHandlers.ofString()));
        }
        assertThat(valid).hasSize(WAITING);
        WebhookHttpConsumer consumer = consumer("waiting/signup");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(invalid.values()).allMatch(CompletableFuture::isDone);
            assertThat(consumer.waitingCalls()).isEqualTo(WAITING);
            // inside the route, past the sink, not queued for a thread
            assertThat(CAMEL.context().getInflightRepository().size(routeId("waiting/signup"))).isEqualTo(WAITING);
        });
        assertThat(valid.values()).noneMatch(CompletableFuture::isDone);
        assertThat(EMULATOR.get().stats().inFlight()).isPositive();
        EMULATOR.get().releaseAnswers();

        CompletableFuture.allOf(valid.values().toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        Set<Object> stored = EMULATOR.get().storedRecords().stream().map(r -> r.get("identity"))
                .collect(Collectors.toSet());
        int failed = 0;
        for (Map.Entry<String, CompletableFuture<HttpResponse<String>>> call : valid.entrySet()) {
            HttpResponse<String> response = call.getValue().get();
            JsonNode outcome = JSON.readTree(response.body());
            if (response.statusCode() == 200) {
                assertThat(outcome).isEqualTo(JSON.readTree("{\"status\":\"success\",\"processed\":1,\"unprocessed\":0}"));
                assertThat(stored).as("stored record of a caller answered 200").contains(call.getKey());
            } else {
                failed++;
                assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                assertThat(outcome.path("retry").asBoolean()).isTrue();
                assertThat(stored).as("record of a caller answered 503").doesNotContain(call.getKey());
            }
        }
        for (CompletableFuture<HttpResponse<String>> call : invalid.values()) {
            assertThat(call.get().statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(call.get().body()).path("code").asInt()).isEqualTo(512);
        }
        // exactly the records of the one failed request are missing, no record is stored twice
        assertThat(failed).isPositive();
        assertThat(EMULATOR.get().storedRecords()).hasSize(WAITING - failed);
        assertThat(EMULATOR.get().stats().responses(503)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.waitingCalls() == 0);
    }

    @Test
    void pastTheBoundACallIsAnswered503WithRetryAfterAtOnce() throws Exception {
        EMULATOR.get().holdAnswers();
        List<CompletableFuture<HttpResponse<String>>> waiting = IntStream.range(0, 5)
                .mapToObj(i -> HTTP.sendAsync(request("bounded/signup", "{\"user_id\": \"b-" + i + "\", \"name\": \"B\"}"),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        WebhookHttpConsumer consumer = consumer("bounded/signup");
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.waitingCalls() == 5);

        HttpResponse<String> refused = HTTP.send(request("bounded/signup", "{\"user_id\": \"b-5\", \"name\": \"B\"}"),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        JsonNode outcome = JSON.readTree(refused.body());
        assertThat(outcome.path("retry").asBoolean()).isTrue();
        assertThat(outcome.path("error").asText()).contains("too many calls are waiting (5)");
        assertThat(waiting).noneMatch(CompletableFuture::isDone);

        EMULATOR.get().releaseAnswers();
        for (CompletableFuture<HttpResponse<String>> call : waiting) {
            assertThat(call.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.waitingCalls() == 0);
        // room again: the refused call's retry is taken
        assertThat(HTTP.send(request("bounded/signup", "{\"user_id\": \"b-5\", \"name\": \"B\"}"),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(EMULATOR.get().storedRecords()).extracting(r -> r.get("identity"))
                .containsExactlyInAnyOrder("b-0", "b-1", "b-2", "b-3", "b-4", "b-5");
    }

    /** The id of the webhook Kamelet's route on the path. */
    private static String routeId(String path) {
        return CAMEL.context().getRoutes().stream()
                .filter(r -> r.getConsumer() instanceof PlatformHttpConsumerAware aware
                             && aware.getPlatformHttpConsumer() == consumer(path))
                .map(Route::getRouteId).findFirst().orElseThrow();
    }

    private static WebhookHttpConsumer consumer(String path) {
        return CAMEL.context().getRoutes().stream().map(Route::getConsumer)
                .filter(PlatformHttpConsumerAware.class::isInstance)
                .map(c -> ((PlatformHttpConsumerAware) c).getPlatformHttpConsumer())
                .filter(WebhookHttpConsumer.class::isInstance).map(WebhookHttpConsumer.class::cast)
                .filter(c -> c.getEndpoint().getPath().equals("/" + path))
                .findFirst().orElseThrow(() -> new AssertionError("no webhook consumer on " + path + " among "
                        + CAMEL.context().getRoutes().stream().map(r -> r.getConsumer() + "").toList()));
    }

    private static HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(CAMEL.uri(path))
                .header("Content-Type", "application/json")
                .header("X-Webhook-Secret", SECRET)
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
