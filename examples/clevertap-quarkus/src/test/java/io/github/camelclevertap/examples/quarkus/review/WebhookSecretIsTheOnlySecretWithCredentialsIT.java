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
 * With credentials and WEBHOOK_SECRET set, WEBHOOK_SECRET is the secret: a development secret that reaches the route's
 * property flows.webhook.development-secret from the deployment's configuration (here the environment variable
 * FLOWS_WEBHOOK_DEVELOPMENT_SECRET, equally -D or application.properties) must not replace it.
 */
class WebhookSecretIsTheOnlySecretWithCredentialsIT {

    @Test
    void theRealSecretIsAcceptedAndTheDevelopmentSecretIsNot() throws Exception {
        String passcode = "real-passcode-" + UUID.randomUUID();
        String secret = "real-webhook-secret-" + UUID.randomUUID();
        try (CleverTapEmulator cleverTap = CleverTapEmulator.builder().account("REAL-ACCOUNT", passcode).build().start();
             PackagedApp app = PackagedApp.launch("development-secret-property",
                     Map.of("CLEVERTAP_ACCOUNT_ID", "REAL-ACCOUNT", "CLEVERTAP_PASSCODE", passcode,
                             "CLEVERTAP_REGION", "eu1", "WEBHOOK_SECRET", secret,
                             "FLOWS_WEBHOOK_DEVELOPMENT_SECRET", "dev-webhook-secret"),
                     List.of("-Dclevertap.base-uri=" + cleverTap.baseUri(), "-Dflows.file.enabled=false",
                             "-Dflows.sql.enabled=false"))) {
            if (!app.awaitReadyOrExit()) {
                assertThat(app.output()).as("the refusal names the setting").contains("development-secret")
                        .doesNotContain(passcode, secret);
                return;
            }
            String attacker = "attacker-" + UUID.randomUUID();
            String sender = "sender-" + UUID.randomUUID();
            int devStatus = call(app, "dev-webhook-secret", attacker);
            int realStatus = call(app, secret, sender);
            assertThat(cleverTap.storedRecords("REAL-ACCOUNT")).extracting(record -> record.get("identity"))
                    .as("identities stored (development secret answered %d, WEBHOOK_SECRET answered %d)", devStatus,
                            realStatus)
                    .containsExactly(sender);
        }
    }

    private static int call(PackagedApp app, String secret, String userId) {
        return given().port(app.port).contentType(ContentType.JSON).header("X-Webhook-Secret", secret)
                .body(Map.of("user_id", userId, "name", "Caller")).post("/webhooks/signup").statusCode();
    }
}
