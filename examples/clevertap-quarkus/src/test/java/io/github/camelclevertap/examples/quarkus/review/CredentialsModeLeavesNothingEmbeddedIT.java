package io.github.camelclevertap.examples.quarkus.review;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds (kept enabled): the packaged app with credentials in the environment, WEBHOOK_SECRET set and an explicit
 * flows.webhook.dev-secret: neither the default nor the configured development secret is accepted, a 401 echoes no
 * secret, /emulator/ paths answer 404, /q/health shows the account but no passcode or secret, the log names neither.
 */
class CredentialsModeLeavesNothingEmbeddedIT {

    @Test
    void onlyTheRealSecretAndNoEmbeddedLeftovers() throws Exception {
        String passcode = "real-passcode-" + UUID.randomUUID();
        String secret = "real-webhook-secret-" + UUID.randomUUID();
        String devSecret = "explicit-dev-secret-" + UUID.randomUUID();
        try (CleverTapEmulator cleverTap = CleverTapEmulator.builder().account("REAL-ACCOUNT", passcode).build().start();
             PackagedApp app = PackagedApp.launch("credentials-no-leftovers",
                     Map.of("CLEVERTAP_ACCOUNT_ID", "REAL-ACCOUNT", "CLEVERTAP_PASSCODE", passcode,
                             "CLEVERTAP_REGION", "eu1", "WEBHOOK_SECRET", secret, "FLOWS_WEBHOOK_DEV_SECRET", devSecret),
                     List.of("-Dclevertap.base-uri=" + cleverTap.baseUri(), "-Dflows.sql.enabled=false"))) {
            assertThat(app.awaitReadyOrExit()).as("the app runs (its output: %s)", app.log).isTrue();
            for (String wrong : List.of("dev-webhook-secret", devSecret, "")) {
                String answer = given().port(app.port).contentType(ContentType.JSON).header("X-Webhook-Secret", wrong)
                        .body(Map.of("user_id", "attacker-" + UUID.randomUUID())).post("/webhooks/signup").then()
                        .statusCode(401).extract().asString();
                assertThat(answer).doesNotContain(secret, passcode);
            }
            given().port(app.port).contentType(ContentType.JSON).header("X-Webhook-Secret", secret)
                    .body(Map.of("user_id", "sender-1")).post("/webhooks/signup").then().statusCode(200);
            assertThat(cleverTap.storedRecords("REAL-ACCOUNT")).extracting(record -> record.get("identity"))
                    .containsExactly("sender-1");
            for (String path : List.of("/emulator/records", "/emulator", "/emulator/records?x=1")) {
                given().port(app.port).get(path).then().statusCode(404);
            }
            String health = given().port(app.port).get("/q/health").asString();
            assertThat(health).doesNotContain(passcode, secret);
            Path inbox = app.log.getParent().resolve("inbox");
            try (var files = Files.list(inbox)) {
                assertThat(files.map(file -> file.getFileName().toString()).toList())
                        .doesNotContain("profiles.csv", "events.ndjson");
            }
            assertThat(app.output()).doesNotContain(passcode, secret, devSecret, "dev-webhook-secret")
                    .doesNotContainIgnoringCase("emulator");
        }
    }
}
