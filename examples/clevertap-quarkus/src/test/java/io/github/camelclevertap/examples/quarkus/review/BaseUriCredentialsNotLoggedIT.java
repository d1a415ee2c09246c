package io.github.camelclevertap.examples.quarkus.review;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * clevertap.base-uri is documented as "another base URI for CleverTap's API, such as a proxy"; a proxy URI often
 * carries its credentials (http://user:secret@host). Secrets never appear in logs or health details.
 */
class BaseUriCredentialsNotLoggedIT {

    @Test
    void theProxySecretIsNeitherLoggedNorShown() throws Exception {
        String passcode = "real-passcode-" + UUID.randomUUID();
        String proxySecret = "proxy-secret-" + UUID.randomUUID();
        try (CleverTapEmulator cleverTap = CleverTapEmulator.builder().account("REAL-ACCOUNT", passcode).build().start()) {
            String baseUri = "http://proxyuser:" + proxySecret + "@127.0.0.1:" + cleverTap.baseUri().getPort();
            try (PackagedApp app = PackagedApp.launch("base-uri-credentials",
                    Map.of("CLEVERTAP_ACCOUNT_ID", "REAL-ACCOUNT", "CLEVERTAP_PASSCODE", passcode,
                            "CLEVERTAP_REGION", "eu1", "CLEVERTAP_BASE_URI", baseUri),
                    List.of("-Dflows.webhook.enabled=false", "-Dflows.sql.enabled=false"))) {
                boolean ready = app.awaitReadyOrExit();
                String health = ready ? given().port(app.port).get("/q/health").asString() : "";
                assertThat(app.output() + health).as("the app's output and /q/health").doesNotContain(proxySecret)
                        .doesNotContain(passcode);
            }
        }
    }
}
