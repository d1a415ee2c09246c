package io.github.camelclevertap.examples.quarkus.review;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials and a CLEVERTAP_BASE_URI of blanks (an unfilled template): the app stops with its own error naming the
 * variable, not the component's refusal of the URI from inside route creation.
 */
class BlankBaseUriIsClearIT {

    @Test
    void theErrorNamesTheVariable() throws Exception {
        String passcode = "real-passcode-" + UUID.randomUUID();
        try (PackagedApp app = PackagedApp.launch("blank-base-uri",
                Map.of("CLEVERTAP_ACCOUNT_ID", "REAL-ACCOUNT", "CLEVERTAP_PASSCODE", passcode,
                        "CLEVERTAP_REGION", "eu1", "CLEVERTAP_BASE_URI", "   "),
                List.of("-Dflows.webhook.enabled=false", "-Dflows.sql.enabled=false"))) {
            assertThat(app.awaitReadyOrExit()).as("the app started with a blank base URI").isFalse();
            assertThat(app.output()).contains("clevertap.base-uri (CLEVERTAP_BASE_URI) is blank")
                    .doesNotContain(passcode);
        }
    }
}
