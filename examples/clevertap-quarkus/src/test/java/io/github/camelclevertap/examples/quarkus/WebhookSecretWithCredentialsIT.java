package io.github.camelclevertap.examples.quarkus;

import java.io.IOException;
import java.io.Reader;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged app (the runnable jar, or the native executable with -Dnative) with CleverTap credentials and {@code WEBHOOK_SECRET} in its environment, which
 * {@code @QuarkusIntegrationTest} cannot set, so it is launched here as a process: the webhook answers a call with
 * the development secret 401 and stores nothing, and stores a call with the real secret in the account.
 */
class WebhookSecretWithCredentialsIT {

    private static final String ACCOUNT_ID = "REAL-ACCOUNT";
    private static final String PASSCODE = "real-passcode-" + UUID.randomUUID();
    private static final String SECRET = "real-webhook-secret-" + UUID.randomUUID();
    private static final Path LOG = Path.of("target/webhook-secret-with-credentials.log");

    private static CleverTapEmulator cleverTap;
    private static Process app;
    private static int port;

    @BeforeAll
    static void startTheApp() throws IOException {
        cleverTap = CleverTapEmulator.builder().account(ACCOUNT_ID, PASSCODE).build().start();
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of("-Dquarkus.http.port=" + port,
                "-Dclevertap.account-id=" + ACCOUNT_ID, "-Dclevertap.region=eu1",
                "-Dclevertap.base-uri=" + cleverTap.baseUri(), "-Dflows.file.enabled=false",
                "-Dflows.sql.enabled=false"));
        // what the build packaged (as @QuarkusIntegrationTest reads it): the runnable jar, or with -Dnative the executable
        Properties artifact = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("target/quarkus-artifact.properties"))) {
            artifact.load(reader);
        }
        Path packaged = Path.of("target").resolve(artifact.getProperty("path")).toAbsolutePath();
        if ("jar".equals(artifact.getProperty("type"))) {
            command.addAll(0, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(List.of("-jar", packaged.toString()));
        } else {
            command.add(0, packaged.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(LOG.toFile());
        // the passcode as a deployment gives it, in the environment rather than on the command line
        builder.environment().put("CLEVERTAP_PASSCODE", PASSCODE);
        builder.environment().put(WebhookSecret.VARIABLE, SECRET);
        app = builder.start();
        // ready: its routes started and its HTTP port open
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(ConnectException.class).until(() -> {
                    assertThat(app.isAlive()).as("the app runs (its output: %s)", LOG).isTrue();
                    return given().port(port).get("/q/health/ready").statusCode() == 200;
                });
    }

    @AfterAll
    static void stopTheApp() throws InterruptedException {
        if (app != null) {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        if (cleverTap != null) {
            cleverTap.close();
        }
    }

    @Test
    void onlyTheRealSecretIsAccepted() throws IOException {
        String refused = "dev-" + UUID.randomUUID();
        String accepted = "real-" + UUID.randomUUID();

        call("dev-webhook-secret", refused, 401);
        call(SECRET, accepted, 200);

        assertThat(cleverTap.storedRecords(ACCOUNT_ID)).extracting(record -> record.get("identity"))
                .isEqualTo(List.of(accepted));
        assertThat(Files.readString(LOG)).contains("X-Webhook-Secret: <WEBHOOK_SECRET>")
                .doesNotContain("dev-webhook-secret", SECRET, PASSCODE).doesNotContainIgnoringCase("emulator");
    }

    private static void call(String secret, String userId, int status) {
        given().port(port).contentType(ContentType.JSON).header("X-Webhook-Secret", secret)
                .body(Map.of("user_id", userId, "name", "Caller")).post("/webhooks/signup").then().statusCode(status);
    }
}
