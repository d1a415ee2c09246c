package io.github.camelclevertap.examples.quarkus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app with every Camel logger at TRACE, written to a file: a webhook call is stored (so the passcode set on the
 * component in code was right), and the passcode is in no line of the log, Camel core's property and endpoint lines
 * included; nor is a webhook secret given as WEBHOOK_SECRET.
 */
@QuarkusTest
@WithTestResource(EmbeddedDefaults.class)
@TestProfile(PasscodeNotLoggedTest.CamelAtTrace.class)
class PasscodeNotLoggedTest {

    static final Path LOG = Path.of("target/passcode-not-logged.log");
    /** Given like a deployment's (Quarkus configuration), so the route's authenticator gets it as a bean property. */
    static final String WEBHOOK_SECRET = "webhook-secret-" + UUID.randomUUID();

    /** Camel at TRACE into a file of its own; the console stays at INFO. */
    public static class CamelAtTrace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("WEBHOOK_SECRET", WEBHOOK_SECRET, "quarkus.log.min-level", "TRACE",
                    "quarkus.log.category.\"org.apache.camel\".level", "TRACE",
                    "quarkus.log.category.\"io.github.camelclevertap\".level", "TRACE",
                    "quarkus.log.console.level", "INFO",
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.file.level", "ALL");
        }
    }

    @Inject
    EmbeddedCleverTap cleverTap;

    @Test
    void thePasscodeIsInNoLogLineAtTrace() throws Exception {
        String userId = "log-" + UUID.randomUUID();

        given().contentType(ContentType.JSON).header("X-Webhook-Secret", WEBHOOK_SECRET)
                .body(Map.of("user_id", userId, "name", "Log Reader"))
                .post("/webhooks/signup")
                .then().statusCode(200);

        assertThat(EmulatorRecords.withIdentity(userId)).hasSize(1);
        String passcode = cleverTap.emulatorPasscode().orElseThrow();
        assertThat(Files.readString(LOG)).as("the app's log, Camel at TRACE")
                .contains("TRACE [org.apa.cam.imp.eng.AbstractCamelContext]",
                        "DEBUG [org.apa.cam.com.pro.DefaultPropertiesParser]", "passcodeEnvVar=CLEVERTAP_PASSCODE")
                .doesNotContain(passcode).doesNotContain(WEBHOOK_SECRET);
    }
}
