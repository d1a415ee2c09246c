package io.github.camelclevertap.routetemplates;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.camelclevertap.emulator.Fault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static io.github.camelclevertap.routetemplates.ProfileFiles.readNdjson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * `kamelet:clevertap-file-source` → `kamelet:clevertap-sink` with real files in a temporary directory, run by Camel
 * Main against the emulator: each file's exact records are stored, and the file moves to the done folder (with its
 * rejected records beside it) or, when the upload failed, to the error folder with exactly its undelivered records.
 */
class FileSourceTest {

    private static final String ACCOUNT = "ACC-FileSourceTest";
    private static final String PASSCODE = "pc-files-SECRET";
    private static final String OTHER_ACCOUNT = "ACC-FileSourceTest-2";
    private static final String OTHER_PASSCODE = "pc-files-2-SECRET";

    @TempDir
    static Path inbox;
    @TempDir
    static Path staging;

    @RegisterExtension
    static final CamelMainRunner CAMEL = CamelMainRunner.fileSource(() -> inbox, ACCOUNT, PASSCODE, OTHER_ACCOUNT,
            OTHER_PASSCODE);
    static final EmulatorExtension EMULATOR = CAMEL.emulator();

    @AfterAll
    static void passcodesAreNotLogged() throws IOException {
        Path log = Path.of("target/route-templates-test.log");
        if (Files.exists(log)) {
            assertThat(Files.readString(log)).doesNotContain(PASSCODE).doesNotContain(OTHER_PASSCODE);
        }
    }

    @Test
    void anNdjsonFileIsStoredExactlyAndMovedToDone() throws Exception {
        drop("profiles", "crm.ndjson", """
                {"type": "profile", "identity": "1717", "profileData": {"Name": "John D"}}
                {"type": "profile", "identity": "1718", "profileData": {"Name": "Jane D", "Email": "jane@example.com"}}
                {"identity": "1719", "Name": "Jim D"}
                """);

        Path done = awaitDone("profiles", "crm.ndjson");

        assertThat(EMULATOR.get().storedRecords()).containsExactly(
                Map.of("type", "profile", "identity", "1717", "profileData", Map.of("Name", "John D")),
                Map.of("type", "profile", "identity", "1718",
                        "profileData", Map.of("Name", "Jane D", "Email", "jane@example.com")),
                Map.of("type", "profile", "identity", "1719", "profileData", Map.of("Name", "Jim D")));
        assertThat(done.resolveSibling("crm.ndjson.rejected.ndjson")).doesNotExist();
        assertThat(inbox.resolve("profiles/crm.ndjson")).doesNotExist();
        assertThat(inbox.resolve("profiles/.inprogress/crm.ndjson")).doesNotExist();
    }

    @Test
    void aJsonArrayFileIsStoredExactlyAndMovedToDone() throws Exception {
        drop("profiles", "export.json", """
                [
                  {"type": "profile", "identity": "2001", "profileData": {"Name": "Ann"}},
                  {"type": "profile", "identity": "2002", "profileData": {"Name": "Bob", "Plan": "pro"}}
                ]
                """);

        awaitDone("profiles", "export.json");

        assertThat(EMULATOR.get().storedRecords()).containsExactly(
                Map.of("type", "profile", "identity", "2001", "profileData", Map.of("Name", "Ann")),
                Map.of("type", "profile", "identity", "2002", "profileData", Map.of("Name", "Bob", "Plan", "pro")));
    }

    @Test
    void csvRowsBecomeProfilesByTheirIdentityColumn() throws Exception {
        drop("profiles", "users.csv", """
                identity,Name,Email
                3001,Carla,carla@example.com
                3002,"Dee, Jr.",
                """);

        awaitDone("profiles", "users.csv");

        assertThat(EMULATOR.get().storedRecords()).containsExactly(
                Map.of("type", "profile", "identity", "3001",
                        "profileData", Map.of("Name", "Carla", "Email", "carla@example.com")),
                Map.of("type", "profile", "identity", "3002", "profileData", Map.of("Name", "Dee, Jr.")));
    }

    @Test
    void csvRowsBecomeEventsNamedByTheirEventColumn() throws Exception {
        drop("events", "purchases.csv", """
                user_id,event,Amount,Currency
                1717,Product Purchased,10,EUR
                1718,Product Viewed,,
                """);

        awaitDone("events", "purchases.csv");

        assertThat(EMULATOR.get().storedRecords()).containsExactly(
                Map.of("type", "event", "identity", "1717", "evtName", "Product Purchased",
                        "evtData", Map.of("Amount", "10", "Currency", "EUR")),
                Map.of("type", "event", "identity", "1718", "evtName", "Product Viewed", "evtData", Map.of()));
    }

    @Test
    void aRejectedRecordIsWrittenBesideTheDoneFileWithItsLineAndCode() throws Exception {
        String tooLong = "J".repeat(600); // CleverTap takes at most 512 bytes per value: code 512
        drop("profiles", "mixed.ndjson", """
                {"type": "profile", "identity": "4001", "profileData": {"Name": "Valid"}}

                {"type": "profile", "identity": "4002", "profileData": {"Name": "%s"}}
                {"type": "profile", "identity": "4003", "profileData": {"Name": "Also Valid"}}
                """.formatted(tooLong));

        Path done = awaitDone("profiles", "mixed.ndjson");

        assertThat(EMULATOR.get().storedRecords()).containsExactly(
                Map.of("type", "profile", "identity", "4001", "profileData", Map.of("Name", "Valid")),
                Map.of("type", "profile", "identity", "4003", "profileData", Map.of("Name", "Also Valid")));
        List<Map<String, Object>> rejected = readNdjson(done.resolveSibling("mixed.ndjson.rejected.ndjson"));
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0)).containsEntry("line", 3).containsEntry("index", 1).containsEntry("code", 512)
                .containsEntry("record", Map.of("type", "profile", "identity", "4002",
                        "profileData", Map.of("Name", tooLong)));
        assertThat((String) rejected.get(0).get("error")).isNotBlank();
    }

    @Test
    void aRejectedCsvRowIsReportedWithItsLineInTheFile() throws Exception {
        String tooLong = "K".repeat(600);
        drop("profiles", "rows.csv", "identity,Name\n7001,Fine\n\n7002," + tooLong + "\n7003,Fine Too\n");

        Path done = awaitDone("profiles", "rows.csv");

        assertThat(EMULATOR.get().storedRecords()).extracting(r -> r.get("identity")).containsExactly("7001", "7003");
        List<Map<String, Object>> rejected = readNdjson(done.resolveSibling("rows.csv.rejected.ndjson"));
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0)).containsEntry("line", 4).containsEntry("index", 1).containsEntry("code", 512);
    }

    @Test
    void aFailedUploadMovesTheFileToErrorWithExactlyItsUndeliveredRecords() throws Exception {
        // one request at a time, two records per request: the first is stored, the second fails twice (no more retries)
        EMULATOR.get().faults().enqueue(Fault.none(), Fault.status(503), Fault.status(503));
        drop("failing", "batch.ndjson", """
                {"type": "profile", "identity": "5001", "profileData": {"Name": "One"}}
                {"type": "profile", "identity": "5002", "profileData": {"Name": "Two"}}
                {"type": "profile", "identity": "5003", "profileData": {"Name": "Three"}}
                """);

        Path failed = inbox.resolve("failing/.error/batch.ndjson");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(failed));

        assertThat(inbox.resolve("failing/.done/batch.ndjson")).doesNotExist();
        assertThat(EMULATOR.get().storedRecords(OTHER_ACCOUNT)).containsExactly(
                Map.of("type", "profile", "identity", "5001", "profileData", Map.of("Name", "One")),
                Map.of("type", "profile", "identity", "5002", "profileData", Map.of("Name", "Two")));
        assertThat(readNdjson(failed.resolveSibling("batch.ndjson.undelivered.ndjson"))).containsExactly(
                Map.of("type", "profile", "identity", "5003", "profileData", Map.of("Name", "Three")));
    }

    @Test
    void aFinishedFileIsNotSentAgainAfterARestart() throws Exception {
        drop("profiles", "once.ndjson", "{\"type\": \"profile\", \"identity\": \"6001\", \"profileData\": {\"Name\": \"Once\"}}\n");
        awaitDone("profiles", "once.ndjson");

        CAMEL.context().getRouteController().stopRoute("profile-files");
        CAMEL.context().getRouteController().startRoute("profile-files");
        drop("profiles", "twice.ndjson", "{\"type\": \"profile\", \"identity\": \"6002\", \"profileData\": {\"Name\": \"Next\"}}\n");
        awaitDone("profiles", "twice.ndjson");

        assertThat(EMULATOR.get().storedRecords()).extracting(r -> r.get("identity")).containsExactly("6001", "6002");
    }

    @Test
    void aHundredThousandLineFileUploadsCompletelyWithAtMost15RequestsInFlight() throws Exception {
        int lines = 100_000;
        Path file = staging.resolve("big.ndjson");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                out.write("{\"type\": \"profile\", \"identity\": \"u-" + i + "\", \"profileData\": {\"n\": " + i + "}}\n");
            }
        }
        Files.move(file, inbox.resolve("profiles/big.ndjson"), StandardCopyOption.ATOMIC_MOVE);

        Path done = awaitDone("profiles", "big.ndjson", Duration.ofMinutes(3));

        assertThat(EMULATOR.get().storedRecordCount()).isEqualTo(lines);
        assertThat(EMULATOR.get().stats().recordsStored()).isEqualTo(lines);
        assertThat(EMULATOR.get().stats().requests()).isGreaterThanOrEqualTo(lines / 1000);
        assertThat(EMULATOR.get().stats().peakInFlight()).isBetween(1, 15);
        assertThat(done.resolveSibling("big.ndjson.rejected.ndjson")).doesNotExist();
        List<Map<String, Object>> stored = EMULATOR.get().storedRecords();
        // concurrent requests store their batches in any order
        assertThat(stored).contains(Map.of("type", "profile", "identity", "u-0", "profileData", Map.of("n", 0)),
                Map.of("type", "profile", "identity", "u-99999", "profileData", Map.of("n", 99999)));
        assertThat(stored.stream().map(r -> r.get("identity")).distinct().count()).isEqualTo(lines);
    }

    private static void drop(String folder, String name, String content) throws IOException {
        Path target = inbox.resolve(folder);
        Files.createDirectories(target);
        Path file = Files.writeString(staging.resolve(name), content, StandardCharsets.UTF_8);
        Files.move(file, target.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path awaitDone(String folder, String name) {
        return awaitDone(folder, name, Duration.ofSeconds(30));
    }

    private static Path awaitDone(String folder, String name, Duration timeout) {
        Path done = inbox.resolve(folder).resolve(".done").resolve(name);
        await().atMost(timeout).until(() -> Files.exists(done));
        return done;
    }
}
