package io.github.camelclevertap.examples.quarkus.review;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WEBHOOK_SECRET set to blanks (an unfilled template, a secret mounted as a space) with credentials: bad input, so the
 * app must refuse to start with an error naming WEBHOOK_SECRET, as it does when the variable is unset or empty,
 * rather than start a webhook no sender can ever authenticate against (every call 401).
 */
class BlankWebhookSecretIsRefusedIT {

    @Test
    void theAppDoesNotStartAndNamesTheVariable() throws Exception {
        String passcode = "real-passcode-" + UUID.randomUUID();
        try (PackagedApp app = PackagedApp.launch("blank-webhook-secret",
                Map.of("CLEVERTAP_ACCOUNT_ID", "REAL-ACCOUNT", "CLEVERTAP_PASSCODE", passcode,
                        "CLEVERTAP_REGION", "eu1", "WEBHOOK_SECRET", "   "),
                List.of("-Dclevertap.base-uri=http://127.0.0.1:9", "-Dflows.file.enabled=false",
                        "-Dflows.sql.enabled=false"))) {
            assertThat(app.awaitReadyOrExit()).as("the app started with a blank WEBHOOK_SECRET (its output: %s)",
                    app.log).isFalse();
            assertThat(app.process.exitValue()).isNotZero();
            assertThat(app.output()).contains("WEBHOOK_SECRET").doesNotContain(passcode);
        }
    }
}
