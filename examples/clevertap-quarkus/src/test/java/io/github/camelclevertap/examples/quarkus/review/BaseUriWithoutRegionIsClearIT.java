package io.github.camelclevertap.examples.quarkus.review;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Credentials and clevertap.base-uri (a proxy, or a stand-in) without a region. EmbeddedCleverTap accepts this
 * (the region is required only without a base URI), so either the app runs and uploads to the base URI, or it stops
 * with its own clear error naming clevertap.region (CLEVERTAP_REGION) and the rule; not Camel's
 * "Property with key [clevertap.region] not found" from inside route creation.
 */
class BaseUriWithoutRegionIsClearIT {

    @Test
    void uploadsToTheBaseUriOrSaysWhatIsMissing() throws Exception {
        String passcode = "real-passcode-" + UUID.randomUUID();
        try (CleverTapEmulator cleverTap = CleverTapEmulator.builder().account("REAL-ACCOUNT", passcode).build().start();
             PackagedApp app = PackagedApp.launch("base-uri-without-region",
                     Map.of("CLEVERTAP_ACCOUNT_ID", "REAL-ACCOUNT", "CLEVERTAP_PASSCODE", passcode,
                             "CLEVERTAP_BASE_URI", cleverTap.baseUri().toString()),
                     List.of("-Dflows.webhook.enabled=false", "-Dflows.sql.enabled=false"))) {
            if (!app.awaitReadyOrExit()) {
                assertThat(app.output()).as("the app stopped; its error")
                        .contains("clevertap.region (CLEVERTAP_REGION) is not set")
                        .doesNotContain("Property with key [clevertap.region] not found").doesNotContain(passcode);
                return;
            }
            Path inbox = app.log.getParent().resolve("inbox");
            Files.createDirectories(inbox);
            String userId = "real-" + UUID.randomUUID();
            Files.writeString(inbox.resolve("one.csv.part"), "user_id,Name\n" + userId + ",Real Person\n");
            Files.move(inbox.resolve("one.csv.part"), inbox.resolve("one.csv"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> cleverTap.storedRecords("REAL-ACCOUNT").stream()
                            .anyMatch(record -> userId.equals(record.get("identity"))));
        }
    }
}
