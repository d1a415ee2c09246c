package io.github.camelclevertap.examples.quarkus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The file flow on the embedded defaults: the samples shipped with the app, and files dropped into the inbox.
 */
@QuarkusTest
@WithTestResource(EmbeddedDefaults.class)
class FileFlowTest {

    @Test
    void sampleFilesAreUploadedAtStartup() {
        assertThat(EmulatorRecords.awaitWithIdentity("1002", records -> records.size() == 2)).containsExactlyInAnyOrder(
                Map.of("type", "profile", "identity", "1002",
                        "profileData", Map.of("Name", "Grace Hopper", "Email", "grace@example.com", "City", "New York",
                                "Plan", "team")),
                Map.of("type", "event", "identity", "1002", "ts", 1767225660, "evtName", "Charged",
                        "evtData", Map.of("Charged ID", "ORD-1002", "Amount", 24.5, "Currency", "EUR",
                                "Items", List.of(Map.of("Product", "Camel Mug", "Quantity", 2)))));
        assertThat(EmbeddedDefaults.inbox().resolve(".done/profiles.csv")).exists();
        assertThat(EmbeddedDefaults.inbox().resolve(".done/events.ndjson")).exists();
    }

    @Test
    void csvRowsBecomeProfilesAndTheFileMovesToDone() throws IOException {
        String userId = "file-" + UUID.randomUUID();
        Path file = drop("signups-" + userId + ".csv", "user_id,Name,Email\n" + userId + ",Jane Roe,jane@example.com\n");

        assertThat(EmulatorRecords.awaitWithIdentity(userId, records -> !records.isEmpty())).containsExactly(
                Map.of("type", "profile", "identity", userId,
                        "profileData", Map.of("Name", "Jane Roe", "Email", "jane@example.com")));
        awaitFile(EmbeddedDefaults.inbox().resolve(".done").resolve(file.getFileName()));
    }

    @Test
    void rejectedRowsAreWrittenBesideTheDoneFileAndTheOthersStored() throws IOException {
        String good = "file-good-" + UUID.randomUUID();
        String bad = "file-bad-" + UUID.randomUUID();
        Path file = drop("mixed-" + good + ".csv",
                "user_id,Name,Email\n" + good + ",Good Row,good@example.com\n" + bad + ",Bad Row,not-an-email\n");

        // the file moves to .done once its report (the rejected records) is written
        awaitFile(EmbeddedDefaults.inbox().resolve(".done").resolve(file.getFileName()));
        List<String> lines = Files.readAllLines(
                EmbeddedDefaults.inbox().resolve(".done").resolve(file.getFileName() + ".rejected.ndjson"));
        assertThat(lines).hasSize(1);
        Map<String, Object> rejection = new ObjectMapper().readValue(lines.get(0), new TypeReference<>() {
        });
        assertThat(rejection).containsEntry("line", 3).containsEntry("code", 515);
        assertThat(rejection.get("record")).isEqualTo(Map.of("type", "profile", "identity", bad,
                "profileData", Map.of("Name", "Bad Row", "Email", "not-an-email")));
        assertThat(EmulatorRecords.withIdentity(good)).hasSize(1);
        assertThat(EmulatorRecords.withIdentity(bad)).isEmpty();
    }

    /** Writes the file under a name the flow ignores, then renames it into the inbox, as the README says to. */
    private static Path drop(String name, String content) throws IOException {
        Path partial = Files.writeString(EmbeddedDefaults.inbox().resolve(name + ".part"), content);
        return Files.move(partial, EmbeddedDefaults.inbox().resolve(name));
    }

    private static Path awaitFile(Path path) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> Files.exists(path));
        return path;
    }
}
