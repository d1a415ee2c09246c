package io.github.camelclevertap.routetemplates;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * `kamelet:clevertap-file-source` on CSV and NDJSON files with broken rows: the good rows are stored, the file moves to
 * done, and each broken row is in `<file>.rejected.ndjson` with its line, code 0 and the reason; empty lines are
 * skipped without shifting the line numbers.
 */
class FileSourceBrokenRowsTest {

    private static final String ACCOUNT = "ACC-FileSourceBrokenRowsTest";
    private static final String PASSCODE = "pc-broken-rows-SECRET";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path inbox;
    @TempDir
    static Path staging;

    @RegisterExtension
    @Order(1)
    static final EmulatorExtension EMULATOR = new EmulatorExtension(emulator -> emulator.account(ACCOUNT, PASSCODE)
            .account("unused", "unused"));
    @RegisterExtension
    @Order(2)
    static final CamelMainRunner CAMEL = CamelMainRunner.routes("routes/clevertap-file-source.yaml",
            () -> CamelMainRunner.sinkProperties(EMULATOR, ACCOUNT, PASSCODE,
                    "inbox", inbox.toString(),
                    "clevertap.other.account-id", "unused",
                    "clevertap.other.passcode", "unused"));

    @Test
    void brokenCsvRowsAreRejectedWithTheirLinesAndTheGoodRowsAreStored() throws Exception {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.writeBytes(("""
                identity,Name,Email
                8001,Good One,one@example.com

                8002,"Unterminated,x@example.com
                8003,Good Two,two@example.com
                8004,Too,Many,Values
                8005,Few
                8006,""").getBytes(StandardCharsets.UTF_8));
        csv.writeBytes(new byte[] {(byte) 0xFF, 'B', 'a', 'd'});
        csv.writeBytes(("""
                ,bad@example.com
                8007,"Multi
                Line",multi@example.com
                8008,"Bad"quote,x@example.com
                ,,
                8009,Last,last@example.com
                """).getBytes(StandardCharsets.UTF_8));

        Path done = dropAndAwaitDone("rows.csv", csv.toByteArray());

        assertThat(EMULATOR.get().storedRecords()).containsExactly(
                profile("8001", Map.of("Name", "Good One", "Email", "one@example.com")),
                profile("8003", Map.of("Name", "Good Two", "Email", "two@example.com")),
                profile("8007", Map.of("Name", "Multi\nLine", "Email", "multi@example.com")),
                profile("8009", Map.of("Name", "Last", "Email", "last@example.com")));
        assertThat(readNdjson(done.resolveSibling("rows.csv.rejected.ndjson"))).containsExactly(
                unreadable(4, "unterminated quoted value: the quote opened in this row is never closed"),
                unreadable(6, "the row has 4 values, the header has 3 columns"),
                unreadable(7, "the row has 2 values, the header has 3 columns"),
                unreadable(8, "invalid UTF-8: byte 6 of the line (0xff) does not start a valid UTF-8 sequence"),
                unreadable(11, "malformed CSV: Invalid character between encapsulated token and delimiter"));
    }

    @Test
    void brokenNdjsonLinesAreRejectedWithTheirLinesAndTheGoodOnesAreStored() throws Exception {
        ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
        ndjson.writeBytes(("""
                {"type": "profile", "identity": "9001", "profileData": {"Name": "A"}}

                {"type": "profile", "identity": "9002", "profileData": {"Name": "B"}
                [1, 2, 3]
                {"type": "profile", "identity": "9003", "profileData": {"Name": \"""")
                .getBytes(StandardCharsets.UTF_8));
        ndjson.writeBytes(new byte[] {'C', (byte) 0xE2, (byte) 0x82, '"', '}', '}', '\r', '\n'});
        ndjson.writeBytes(("{\"type\": \"profile\", \"identity\": \"9004\", \"profileData\": {\"Name\": \""
                           + "L".repeat(RecordFile.MAX_LINE_BYTES) + "\"}}\r\n").getBytes(StandardCharsets.UTF_8));
        ndjson.writeBytes("""
                   \t
                {"type": "profile", "identity": "9005", "profileData": {"Name": "E"}}""".getBytes(StandardCharsets.UTF_8));

        Path done = dropAndAwaitDone("lines.ndjson", ndjson.toByteArray());

        assertThat(EMULATOR.get().storedRecords()).containsExactly(profile("9001", Map.of("Name", "A")),
                profile("9005", Map.of("Name", "E")));
        List<Map<String, Object>> rejected = readNdjson(done.resolveSibling("lines.ndjson.rejected.ndjson"));
        assertThat(rejected).extracting(r -> r.get("line")).containsExactly(3, 4, 5, 6);
        assertThat(rejected).extracting(r -> r.get("code")).containsOnly(0);
        assertThat(rejected).extracting(r -> (String) r.get("error")).satisfiesExactly(
                error -> assertThat(error).startsWith("invalid JSON: Unexpected end-of-input"),
                error -> assertThat(error).startsWith("not a JSON object: Cannot deserialize value of type"),
                error -> assertThat(error).isEqualTo(
                        "invalid UTF-8: byte 67 of the line (0xe2) does not start a valid UTF-8 sequence"),
                error -> assertThat(error).isEqualTo("the line is longer than 1048576 bytes"));
    }

    private static Map<String, Object> profile(String identity, Map<String, Object> data) {
        return Map.of("type", "profile", "identity", identity, "profileData", data);
    }

    private static Map<String, Object> unreadable(int line, String error) {
        return Map.of("line", line, "code", 0, "error", error);
    }

    private static Path dropAndAwaitDone(String name, byte[] content) throws IOException {
        Path folder = Files.createDirectories(inbox.resolve("profiles"));
        Files.move(Files.write(staging.resolve(name), content), folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        Path done = folder.resolve(".done").resolve(name);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(done));
        return done;
    }

    private static List<Map<String, Object>> readNdjson(Path file) throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            entries.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() {
            }));
        }
        return entries;
    }
}
