package io.github.camelclevertap.routetemplates;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.emulator.Fault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `kamelet:clevertap-webhook-source` → `clevertap-record-action` → `clevertap-sink`, run by Camel Main with real HTTP
 * calls on loopback: authentication, size limit, and the caller's answer once CleverTap answered for its record.
 */
class WebhookSourceTest {

    private static final String ACCOUNT = "ACC-WebhookSourceTest";
    private static final String PASSCODE = "pc-webhook-source-SECRET";
    private static final String SECRET = "wh-s3cr3t-DO-NOT-LOG";
    private static final String ROUTE = "routes/clevertap-webhook-source.yaml";
    private static final String SIGNUP = "{\"payload\": {\"name\": \"John D\", \"user_id\": \"1717\"}}";
    private static final String PURCHASE = "{\"payload\": {\"user_id\": \"1717\", \"event_name\": \"Product Purchased\","
                                           + " \"properties\": {\"amount\": 499.99, \"currency\": \"USD\", \"product_id\": \"98765\"}}}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final CamelMainRunner CAMEL = CamelMainRunner.httpRoutes(ROUTE, ACCOUNT, PASSCODE)
            .property("clevertap.region", "eu1").property("webhook.secret", SECRET);
    static final EmulatorExtension EMULATOR = CAMEL.emulator();

    @AfterAll
    static void stop() throws Exception {
        // the log of the whole run so far: neither the webhook secret nor the passcode may appear in it
        Path log = Path.of("target/route-templates-test.log");
        if (Files.exists(log)) {
            assertThat(Files.readString(log)).doesNotContain(SECRET).doesNotContain(PASSCODE);
        }
    }

    @Test
    void bolticSignUpIsStoredAndAnsweredWithTheOutcome() throws Exception {
        HttpResponse<String> response = post("boltic/signup", SIGNUP, "X-Webhook-Secret", SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(JSON.readTree(response.body()))
                .isEqualTo(JSON.readTree("{\"status\": \"success\", \"processed\": 1, \"unprocessed\": 0}"));
        assertThat(response.headers().firstValue("X-Webhook-Secret")).isEmpty();
        assertThat(EMULATOR.get().storedRecords()).containsExactly(
                Map.of("identity", "1717", "type", "profile", "profileData", Map.of("Name", "John D")));
    }

    @Test
    void bolticPurchaseSignedWithHmacIsStored() throws Exception {
        HttpResponse<String> response = post("boltic/purchase", PURCHASE, "X-Signature", "sha256=" + hmac(PURCHASE));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(EMULATOR.get().storedRecords()).containsExactly(Map.of("type", "event", "objectId", "1717",
                "evtName", "Product Purchased",
                "evtData", Map.of("Product ID", "98765", "Amount", 499.99, "Currency", "USD")));
    }

    @Test
    void talonOneCouponIsStoredWithItsSource() throws Exception {
        HttpResponse<String> response = post("talon-one/coupon",
                "{\"ProfileID\": \"customer-31\", \"CouponCode\": \"NY-2025-XK3\"}", "X-Webhook-Secret", SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(EMULATOR.get().storedRecords()).containsExactly(Map.of("type", "event", "evtName", "Coupon Generated",
                "$source", "Talon.One", "identity", "customer-31", "evtData", Map.of("CouponCode", "NY-2025-XK3")));
    }

    @Test
    void missingOrWrongCredentialsAreRefusedWith401AndNothingIsForwarded() throws Exception {
        assertThat(post("boltic/signup", SIGNUP, null, null).statusCode()).isEqualTo(401);
        assertThat(post("boltic/signup", SIGNUP, "X-Webhook-Secret", SECRET + "x").statusCode()).isEqualTo(401);
        assertThat(post("boltic/signup", SIGNUP, "X-Other", SECRET).statusCode()).isEqualTo(401);
        assertThat(post("boltic/purchase", PURCHASE, "X-Signature", hmac(PURCHASE + " ")).statusCode()).isEqualTo(401);
        // the HMAC of another body, and the secret itself instead of a signature
        assertThat(post("boltic/purchase", PURCHASE, "X-Signature", hmac(SIGNUP)).statusCode()).isEqualTo(401);
        HttpResponse<String> response = post("boltic/purchase", PURCHASE, "X-Signature", SECRET);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain(SECRET);
        assertThat(EMULATOR.get().requests()).isEmpty();
        assertThat(EMULATOR.get().storedRecords()).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWith400() throws Exception {
        HttpResponse<String> response = post("boltic/signup", "name=John&user_id=1717", "X-Webhook-Secret", SECRET);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asText())
                .startsWith("the body is not valid JSON at line 1, column 5: Unrecognized token 'name'");
        assertThat(EMULATOR.get().requests()).isEmpty();
    }

    @Test
    void aPayloadThatCannotBeMappedIsRefusedWith400AndTheReason() throws Exception {
        HttpResponse<String> response = post("boltic/signup", "{\"payload\": {\"name\": \"John D\"}}",
                "X-Webhook-Secret", SECRET);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode outcome = JSON.readTree(response.body());
        assertThat(outcome.path("field").asText()).isEqualTo("identity");
        assertThat(outcome.path("error").asText()).contains("no identifier for the record");
        assertThat(EMULATOR.get().requests()).isEmpty();
    }

    @Test
    void aLocallyInvalidRecordIsRefusedWith400AndItsCode() throws Exception {
        String tooLong = "J".repeat(600); // CleverTap takes at most 512 bytes per value: code 512
        HttpResponse<String> response = post("boltic/signup",
                "{\"payload\": {\"name\": \"" + tooLong + "\", \"user_id\": \"1717\"}}", "X-Webhook-Secret", SECRET);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode outcome = JSON.readTree(response.body());
        assertThat(outcome.path("status").asText()).isEqualTo("fail");
        assertThat(outcome.path("code").asInt()).isEqualTo(512);
        assertThat(outcome.path("error").asText()).isNotBlank();
        assertThat(EMULATOR.get().requests()).isEmpty();
    }

    @Test
    void aBodyAboveTheSizeLimitIsRefusedWith413() throws Exception {
        String big = "{\"payload\": {\"user_id\": \"1717\", \"event_name\": \"Big\", \"properties\": {\"note\": \""
                     + "x".repeat(3000) + "\"}}}";
        HttpResponse<String> response = post("boltic/purchase", big, "X-Signature", hmac(big));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(EMULATOR.get().requests()).isEmpty();
    }

    @Test
    void aRecordCleverTapCouldNotTakeIsAnswered503SoTheCallerRetries() throws Exception {
        // the first attempt and the one retry of the sink both get 503
        EMULATOR.get().faults().enqueue(Fault.status(503), Fault.status(503));

        HttpResponse<String> response = post("boltic/signup", SIGNUP, "X-Webhook-Secret", SECRET);

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode outcome = JSON.readTree(response.body());
        assertThat(outcome.path("status").asText()).isEqualTo("fail");
        assertThat(outcome.path("retry").asBoolean()).isTrue();
        assertThat(EMULATOR.get().requests()).hasSize(2);
        assertThat(EMULATOR.get().storedRecords()).isEmpty();

        // the caller's retry succeeds
        assertThat(post("boltic/signup", SIGNUP, "X-Webhook-Secret", SECRET).statusCode()).isEqualTo(200);
        assertThat(EMULATOR.get().storedRecords()).hasSize(1);
    }

    @Test
    void concurrentCallsShareUploadRequests() throws Exception {
        int calls = 20;
        List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, calls)
                .mapToObj(i -> HTTP.sendAsync(request("boltic/signup",
                        "{\"payload\": {\"name\": \"User " + i + "\", \"user_id\": \"u-" + i + "\"}}",
                        "X-Webhook-Secret", SECRET), HttpResponse.BodyHandlers.ofString()))
                .toList();

        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertThat(response.get().statusCode()).isEqualTo(200);
        }
        assertThat(EMULATOR.get().storedRecords()).hasSize(calls)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, calls).mapToObj(i -> Map.<String, Object>of(
                        "identity", "u-" + i, "type", "profile", "profileData", Map.of("Name", "User " + i))).toList());
        assertThat(EMULATOR.get().requests().size()).isLessThan(calls);
    }

    @Test
    void theKameletPageShowsTheWebhookRoute() throws Exception {
        String readme = Files.readString(Path.of("docs/clevertap-webhook-source.md"));

        assertThat(readme).contains("uri: kamelet:clevertap-webhook-source");
    }

    private static String hmac(String body) throws Exception {
        return HmacSha256.hex(SECRET, body);
    }

    private static HttpRequest request(String path, String body, String header, String value) {
        HttpRequest.Builder request = HttpRequest.newBuilder(CAMEL.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (header != null) {
            request.header(header, value);
        }
        return request.build();
    }

    private static HttpResponse<String> post(String path, String body, String header, String value) throws Exception {
        return HTTP.send(request(path, body, header, value), HttpResponse.BodyHandlers.ofString());
    }
}
