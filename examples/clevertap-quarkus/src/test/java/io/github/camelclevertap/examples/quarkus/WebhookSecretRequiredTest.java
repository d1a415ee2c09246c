package io.github.camelclevertap.examples.quarkus;

import java.time.Duration;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * With CleverTap credentials, the webhook flow on and no {@code WEBHOOK_SECRET} in the environment, the app does not
 * start (exit code 1), and says which variable is missing and how to switch the flow off: the development secret,
 * printed in the README, would let anyone write into the account.
 */
@QuarkusMainTest
@TestProfile(WebhookSecretRequiredTest.CredentialsWithoutWebhookSecret.class)
class WebhookSecretRequiredTest {

    static final String PASSCODE = "never-printed-passcode";

    /** Credentials and a region; nothing is uploaded, as the app stops before its routes start. */
    public static class CredentialsWithoutWebhookSecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clevertap.account-id", "REAL-ACCOUNT", "clevertap.passcode", PASSCODE,
                    "clevertap.region", "eu1", "flows.webhook.enabled", "true");
        }
    }

    @Test
    void theAppDoesNotStartAndNamesTheVariable(QuarkusMainLauncher launcher) {
        assertThat(System.getenv(WebhookSecret.VARIABLE)).as("WEBHOOK_SECRET in the tests' environment").isNull();
        // bounded: an app that started would serve until stopped, and never return
        LaunchResult result = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> launcher.launch(),
                "the app started");
        assertThat(result.exitCode()).isEqualTo(1);
        String output = result.getOutput() + result.getErrorOutput();
        assertThat(output).contains("WEBHOOK_SECRET is not set", "flows.webhook.enabled=false",
                "FLOWS_WEBHOOK_ENABLED=false").doesNotContain(PASSCODE);
    }
}
