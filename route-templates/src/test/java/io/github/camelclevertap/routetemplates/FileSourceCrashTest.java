package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A JVM running `clevertap-file-source` → `clevertap-sink` is killed with SIGKILL (`kill -9`) in the middle of a
 * 200,000-line file, then a new one is started on the same directories: the file is never marked done before all its
 * records were answered, the restart sends the file left in progress again, and every record is stored at least once.
 */
class FileSourceCrashTest {

    private static final String ACCOUNT = "ACC-FileSourceCrashTest";
    private static final String PASSCODE = "pc-crash-SECRET";
    private static final int RECORDS = 200_000;

    @TempDir
    static Path inbox;
    @TempDir
    static Path staging;

    /** 100 ms a request and 250 records a request: the file takes several seconds, so the kill lands in it. */
    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension(emulator -> emulator.account(ACCOUNT, PASSCODE)
            .latency(Duration.ofMillis(100)));

    @Test
    void aKilledRunLeavesTheFileInProgressAndTheRestartDeliversEveryRecord() throws Exception {
        Path properties = properties();
        Path log = Path.of("target/file-source-crash-forked.log");
        Files.deleteIfExists(log);
        ProfileFiles.drop(staging, inbox, "crash.ndjson", "c-", RECORDS, i -> false);

        long storedBeforeKill;
        try (ForkedJvm first = ForkedJvm.start(CamelMainProcess.class,
                List.of("routes/clevertap-file-crash.yaml", properties.toString()), log)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> EMULATOR.get().storedRecordCount() >= RECORDS / 4);
            first.kill();
            storedBeforeKill = EMULATOR.get().storedRecordCount();
        }
        assertThat(storedBeforeKill).isLessThan(RECORDS);
        assertThat(inbox.resolve(".done/crash.ndjson")).doesNotExist();
        assertThat(inbox.resolve(".inprogress/crash.ndjson")).exists();

        try (ForkedJvm second = ForkedJvm.start(CamelMainProcess.class,
                List.of("routes/clevertap-file-crash.yaml", properties.toString()), log)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(inbox.resolve(".done/crash.ndjson")));
            assertThat(second.isAlive()).isTrue();
        }

        Map<Object, Long> storedByIdentity = FaultSuite.storedByIdentity(EMULATOR, ACCOUNT);
        long stored = FaultSuite.stored(storedByIdentity);
        System.out.printf("crash: records=%d stored before kill -9=%d stored=%d distinct=%d duplicated=%d"
                          + " peakInFlight=%d%n", RECORDS, storedBeforeKill, stored, storedByIdentity.size(),
                stored - storedByIdentity.size(), EMULATOR.get().stats().peakInFlight(ACCOUNT));

        assertThat(storedByIdentity).hasSize(RECORDS);
        assertThat(storedByIdentity.keySet()).containsAll(List.of(ProfileFiles.identity("c-", 0),
                ProfileFiles.identity("c-", RECORDS - 1)));
        // the restart sent the whole file again: what was stored before the kill, and nothing else, is stored twice
        assertThat(stored - storedByIdentity.size()).isBetween(storedBeforeKill, (long) RECORDS);
        assertThat(inbox.resolve(".inprogress/crash.ndjson")).doesNotExist();
        assertThat(inbox.resolve(".error")).doesNotExist();
        assertThat(Files.readString(log)).contains("crash.ndjson was left in progress by an earlier run")
                .doesNotContain(PASSCODE);
        assertThat(EMULATOR.get().stats().peakInFlight(ACCOUNT)).isBetween(1, 15);
    }

    /** The forked JVM's properties, in a file only this user can read (not on its command line). */
    private static Path properties() throws IOException {
        Properties properties = new Properties();
        properties.setProperty("inbox", inbox.toString());
        properties.setProperty("clevertap.account-id", ACCOUNT);
        properties.setProperty("clevertap.passcode", PASSCODE);
        properties.setProperty("clevertap.base-uri", EMULATOR.get().baseUri().toString());
        Path file = staging.resolve("crash.properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, null);
        }
        return file;
    }
}
