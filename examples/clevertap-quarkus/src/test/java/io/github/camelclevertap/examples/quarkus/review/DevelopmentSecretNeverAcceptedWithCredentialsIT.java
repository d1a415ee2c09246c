package io.github.camelclevertap.examples.quarkus.review;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A careless deployer copies the README's secret: CLEVERTAP_* credentials set and WEBHOOK_SECRET=dev-webhook-secret.
 * The development secret must exist only on the embedded emulator: either the app refuses to start (naming
 * WEBHOOK_SECRET), or a call sending the README's secret gets nothing into the account.
 */
class DevelopmentSecretNeverAcceptedWithCredentialsIT {

    @Test
    void theReadmeSecretGetsNothingIntoTheAccount() throws Exception {
        String passcode = "real-passcode-" + UUID.randomUUID();
        try (CleverTapEmulator cleverTap = CleverTapEmulator.builder().account("REAL-ACCOUNT", passcode).build().start();
             PackagedApp app = PackagedApp.launch("dev-secret-as-webhook-secret",
                     Map.of("CLEVERTAP_ACCOUNT_ID", "REAL-ACCOUNT", "CLEVERTAP_PASSCODE", passcode,
                             "CLEVERTAP_REGION", "eu1", "WEBHOOK_SECRET", "dev-webhook-secret"),
                     List.of("-Dclevertap.base-uri=" + cleverTap.baseUri(), "-Dflows.file.enabled=false",
                             "-Dflows.sql.enabled=false"))) {
            if (!app.awaitReadyOrExit()) {
                assertThat(app.output()).as("the refusal names the variable").contains("WEBHOOK_SECRET")
                        .doesNotContain(passcode);
                return;
            }
            String userId = "attacker-" + UUID.randomUUID();
            int status = given().port(app.port).contentType(ContentType.JSON)
                    .header("X-Webhook-Secret", "dev-webhook-secret").body(Map.of("user_id", userId, "name", "Mallory"))
                    .post("/webhooks/signup").statusCode();
            assertThat(cleverTap.storedRecords("REAL-ACCOUNT"))
                    .as("records stored in the real account by a caller sending the README's development secret"
                        + " (answered %d)", status)
                    .noneMatch(record -> userId.equals(record.get("identity")));
        }
    }
}
