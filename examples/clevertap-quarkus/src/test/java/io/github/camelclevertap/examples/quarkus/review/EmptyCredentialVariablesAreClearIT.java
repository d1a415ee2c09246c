package io.github.camelclevertap.examples.quarkus.review;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deployment whose secret store left CLEVERTAP_ACCOUNT_ID and CLEVERTAP_PASSCODE defined but empty. The app says
 * it runs on the emulator ("no credentials configured"), so it must then do so; or refuse with an error naming
 * CLEVERTAP_ACCOUNT_ID. It does neither: Camel resolves {{clevertap.account-id}} to the empty variable rather than
 * to the emulator's account, and the start fails with "Option accountId is required".
 */
class EmptyCredentialVariablesAreClearIT {

    @Test
    void runsOnTheEmulatorOrNamesTheVariable() throws Exception {
        try (PackagedApp app = PackagedApp.launch("empty-credentials",
                Map.of("CLEVERTAP_ACCOUNT_ID", "", "CLEVERTAP_PASSCODE", ""),
                List.of("-Dflows.file.enabled=false", "-Dflows.sql.enabled=false"))) {
            if (!app.awaitReadyOrExit()) {
                assertThat(app.output()).as("the app stopped; its error").contains("CLEVERTAP_ACCOUNT_ID is")
                        .doesNotContain("Option accountId is required");
            }
        }
    }
}
