package io.github.camelclevertap.examples.quarkus.review;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CLEVERTAP_ACCOUNT_ID of blanks with a passcode: bad input, so the app stops with its own error naming
 * clevertap.account-id (CLEVERTAP_ACCOUNT_ID), as it does for an unset one, not with the component's
 * "Option accountId is required" from deep inside route creation, after it logged "uploading to account    ".
 */
class BlankAccountIdGetsTheAppsOwnErrorIT {

    @Test
    void theErrorNamesTheVariable() throws Exception {
        String passcode = "real-passcode-" + UUID.randomUUID();
        try (PackagedApp app = PackagedApp.launch("blank-account-id",
                Map.of("CLEVERTAP_ACCOUNT_ID", "   ", "CLEVERTAP_PASSCODE", passcode, "CLEVERTAP_REGION", "eu1",
                        "WEBHOOK_SECRET", "real-webhook-secret"),
                List.of("-Dflows.file.enabled=false", "-Dflows.sql.enabled=false"))) {
            assertThat(app.awaitReadyOrExit()).as("the app started with a blank account id").isFalse();
            assertThat(app.output()).contains("CLEVERTAP_ACCOUNT_ID").doesNotContain(passcode);
        }
    }
}
