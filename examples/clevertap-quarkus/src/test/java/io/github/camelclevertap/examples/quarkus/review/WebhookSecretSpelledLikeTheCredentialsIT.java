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
 * A deployer gives WEBHOOK_SECRET the way the same app accepts CLEVERTAP_ACCOUNT_ID and CLEVERTAP_PASSCODE: in a
 * .env file of the working directory, or as -D system properties. The credentials are taken, WEBHOOK_SECRET is not,
 * and the app stops saying "WEBHOOK_SECRET is not set", which is false. Either the secret is taken (and accepted), or
 * the error says where it must be given (the process environment), naming the spelling that was ignored.
 */
class WebhookSecretSpelledLikeTheCredentialsIT {

    @Test
    void inADotEnvFile() throws Exception {
        String passcode = "real-passcode-" + UUID.randomUUID();
        String secret = "real-webhook-secret-" + UUID.randomUUID();
        try (CleverTapEmulator cleverTap = CleverTapEmulator.builder().account("REAL-ACCOUNT", passcode).build().start()) {
            Path dir = Files.createDirectories(Path.of("target", "review", "dot-env").toAbsolutePath());
            Files.writeString(dir.resolve(".env"), "CLEVERTAP_ACCOUNT_ID=REAL-ACCOUNT\nCLEVERTAP_PASSCODE=" + passcode
                                                   + "\nCLEVERTAP_REGION=eu1\nWEBHOOK_SECRET=" + secret + "\n");
            try (PackagedApp app = PackagedApp.launch("dot-env", Map.of(),
                    List.of("-Dclevertap.base-uri=" + cleverTap.baseUri(), "-Dflows.file.enabled=false",
                            "-Dflows.sql.enabled=false"))) {
                check(app, cleverTap, secret, passcode, ".env");
            }
        }
    }

    @Test
    void asSystemProperties() throws Exception {
        String passcode = "real-passcode-" + UUID.randomUUID();
        String secret = "real-webhook-secret-" + UUID.randomUUID();
        try (CleverTapEmulator cleverTap = CleverTapEmulator.builder().account("REAL-ACCOUNT", passcode).build().start();
             PackagedApp app = PackagedApp.launch("system-properties", Map.of("CLEVERTAP_PASSCODE", passcode),
                     List.of("-Dclevertap.account-id=REAL-ACCOUNT", "-Dclevertap.region=eu1",
                             "-DWEBHOOK_SECRET=" + secret, "-Dclevertap.base-uri=" + cleverTap.baseUri(),
                             "-Dflows.file.enabled=false", "-Dflows.sql.enabled=false"))) {
            check(app, cleverTap, secret, passcode, "-D");
        }
    }

    private static void check(PackagedApp app, CleverTapEmulator cleverTap, String secret, String passcode,
                              String ignoredSpelling) throws Exception {
        if (!app.awaitReadyOrExit()) {
            assertThat(app.output()).as("the app stopped; its error")
                    .doesNotContain("WEBHOOK_SECRET is not set").contains(ignoredSpelling)
                    .doesNotContain(secret, passcode);
            return;
        }
        given().port(app.port).contentType(ContentType.JSON).header("X-Webhook-Secret", secret)
                .body(Map.of("user_id", "sender-1")).post("/webhooks/signup").then().statusCode(200);
        assertThat(cleverTap.storedRecords("REAL-ACCOUNT")).extracting(record -> record.get("identity"))
                .containsExactly("sender-1");
    }
}
