package io.github.camelclevertap.routetemplates;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's route, run by Camel Main as `camel run` would: `kamelet:webhook-source` (from the Kamelet catalog) →
 * `kamelet:clevertap-record-action` → `kamelet:clevertap-sink`, with an HTTP server on loopback. The webhook caller
 * gets CleverTap's answer: `success`, or HTTP 500 when CleverTap rejects the record. The route names no passcode: the
 * README has the component read it from `CLEVERTAP_PASSCODE`; here {@link CamelMainRunner} sets it on the component in
 * code (a child JVM with the variable runs in {@link SecretsFromEnvironmentTest}).
 */
class WebhookRouteTest {

    private static final String ACCOUNT = "ACC-WebhookRouteTest";
    private static final String PASSCODE = "pc-webhook-SECRET";
    private static final String ROUTE = "routes/webhook-to-clevertap.yaml";

    @RegisterExtension
    static final CamelMainRunner CAMEL = CamelMainRunner.httpRoutes(ROUTE, ACCOUNT, PASSCODE)
            .property("clevertap.region", "eu1");
    static final EmulatorExtension EMULATOR = CAMEL.emulator();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aWebhookCallIsAnsweredOnceCleverTapStoredTheRecord() throws Exception {
        HttpResponse<String> response = post("{\"payload\": {\"name\": \"John D\", \"user_id\": \"1717\"}}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("success");
        assertThat(EMULATOR.get().storedRecords()).containsExactly(
                Map.of("identity", "1717", "type", "profile", "profileData", Map.of("Name", "John D")));
    }

    @Test
    void aRejectedRecordReachesTheWebhookCallerAsAnError() throws Exception {
        String tooLong = "J".repeat(600); // CleverTap takes at most 512 bytes per value: code 512

        HttpResponse<String> response = post("{\"payload\": {\"name\": \"" + tooLong + "\", \"user_id\": \"1717\"}}");

        assertThat(response.statusCode()).isEqualTo(500);
        // local validation refuses it with CleverTap's code before it costs a request
        assertThat(EMULATOR.get().requests()).isEmpty();
        assertThat(EMULATOR.get().storedRecords()).isEmpty();
    }

    @Test
    void theReadmeShowsThisRoute() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String route = new String(getClass().getClassLoader().getResourceAsStream(ROUTE).readAllBytes());

        assertThat(readme).contains("```yaml\n" + route + "```");
    }

    private static HttpResponse<String> post(String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(CAMEL.uri("boltic/signup"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
