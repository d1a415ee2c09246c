package io.github.camelclevertap.routetemplates;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay protection of `kamelet:clevertap-webhook-source` (`timestampTolerance: 300`), over real HTTP: the signature
 * covers `<timestamp>.<body>`, a call whose timestamp is more than 300 seconds away is refused with the reason, and a
 * valid signature over another timestamp does not pass.
 */
class WebhookReplayProtectionTest {

    private static final String ACCOUNT = "ACC-WebhookReplayProtectionTest";
    private static final String PASSCODE = "pc-replay-SECRET";
    private static final String SECRET = "wh-replay-s3cr3t";
    private static final String BODY = "{\"payload\": {\"name\": \"John D\", \"user_id\": \"1717\"}}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    @Order(1)
    static final EmulatorExtension EMULATOR = new EmulatorExtension(emulator -> emulator.account(ACCOUNT, PASSCODE));
    @RegisterExtension
    @Order(2)
    static final CamelMainRunner CAMEL = CamelMainRunner.httpRoutes("routes/clevertap-webhook-guarded.yaml",
            () -> CamelMainRunner.sinkProperties(EMULATOR, ACCOUNT, PASSCODE,
                    "webhook.secret", SECRET));

    @Test
    void aFreshSignedCallIsStored() throws Exception {
        String now = String.valueOf(Instant.now().getEpochSecond());

        HttpResponse<String> response = post(now, sign(now, BODY));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(EMULATOR.get().storedRecords()).containsExactly(
                Map.of("identity", "1717", "type", "profile", "profileData", Map.of("Name", "John D")));
    }

    @Test
    void aReplayedCallOutsideTheWindowIsRefusedWithTheReason() throws Exception {
        String tenMinutesAgo = String.valueOf(Instant.now().getEpochSecond() - 600);

        HttpResponse<String> response = post(tenMinutesAgo, sign(tenMinutesAgo, BODY));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("error").asText())
                .matches("the timestamp in header X-Signature-Timestamp is 6\\d\\d seconds old, outside the tolerance"
                         + " of 300 seconds: a replayed or delayed call");
        assertThat(EMULATOR.get().requests()).isEmpty();
    }

    @Test
    void aTimestampFromTheFutureIsRefused() throws Exception {
        String later = String.valueOf(Instant.now().getEpochSecond() + 3600);

        HttpResponse<String> response = post(later, sign(later, BODY));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("error").asText()).contains("seconds in the future");
        assertThat(EMULATOR.get().requests()).isEmpty();
    }

    @Test
    void theTimestampIsPartOfTheSignature() throws Exception {
        String old = String.valueOf(Instant.now().getEpochSecond() - 600);
        String now = String.valueOf(Instant.now().getEpochSecond());

        // an old call's signature with the timestamp moved forward, and the body alone signed
        HttpResponse<String> moved = post(now, sign(old, BODY));
        HttpResponse<String> bodyOnly = post(now, hmac(BODY));

        for (HttpResponse<String> response : List.of(moved, bodyOnly)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(response.body()).path("error").asText())
                    .isEqualTo("missing or wrong credentials in header X-Signature");
        }
        assertThat(EMULATOR.get().requests()).isEmpty();
    }

    @Test
    void aMissingOrUnreadableTimestampIsRefused() throws Exception {
        HttpResponse<String> missing = post(null, hmac(BODY));
        HttpResponse<String> notANumber = post("yesterday", sign("yesterday", BODY));

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(missing.body()).path("error").asText())
                .isEqualTo("missing timestamp header X-Signature-Timestamp (replay protection is on)");
        assertThat(notANumber.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(notANumber.body()).path("error").asText())
                .isEqualTo("the timestamp in header X-Signature-Timestamp is not a number of epoch seconds");
        assertThat(EMULATOR.get().requests()).isEmpty();
    }

    private static String sign(String timestamp, String body) throws Exception {
        return hmac(timestamp + "." + body);
    }

    private static String hmac(String content) throws Exception {
        return "sha256=" + HmacSha256.hex(SECRET, content);
    }

    private static HttpResponse<String> post(String timestamp, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(CAMEL.uri("signed/signup"))
                .header("Content-Type", "application/json")
                .header("X-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(BODY));
        if (timestamp != null) {
            request.header("X-Signature-Timestamp", timestamp);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
