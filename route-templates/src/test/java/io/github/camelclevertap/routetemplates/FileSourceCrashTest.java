package io.github.camelclevertap.routetemplates;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A JVM running `clevertap-file-source` → `clevertap-sink` is killed with SIGKILL (`kill -9`) at a random point of a
 * 200,000-line file (seeded: the seed is printed, `-Dfile.crash.seed=<seed>` repeats a run), then a new one is started
 * on the same directories: the file is never marked done before all its records were answered, the restart resumes
 * the file left in progress after its progress, every record is stored at least once, every rejected line is listed
 * once, and the records stored twice are at most the resume window.
 */
class FileSourceCrashTest {

    private static final String ACCOUNT = "ACC-FileSourceCrashTest";
    private static final String PASSCODE = "pc-crash-SECRET";
    private static final int RECORDS = 200_000;
    /** The route's resumeWindow, the sink's batchSize × maxConcurrentRequests. */
    private static final int WINDOW = 250 * 15;
    private static final IntPredicate INVALID = i -> i % 1000 == 999;
    private static final String ROUTES = "routes/clevertap-file-crash.yaml";

    @TempDir
    Path inbox;
    @TempDir
    Path staging;

    /** 100 ms a request and 250 records a request: the file takes several seconds, so the kill lands in it. */
    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension(emulator -> emulator.account(ACCOUNT, PASSCODE)
            .latency(Duration.ofMillis(100)));

    @ParameterizedTest
    @ValueSource(strings = {"ndjson", "csv"})
    void aKilledRunResumesAfterItsProgressAndSendsAtMostOneWindowTwice(String format) throws Exception {
        long seed = Long.getLong("file.crash.seed", System.nanoTime());
        long killAt = RECORDS / 10 + new Random(seed).nextInt(RECORDS * 7 / 10);
        String name = "crash." + format;
        Path log = Path.of("target/file-source-crash-" + format + "-forked.log");
        Files.deleteIfExists(log);
        if (format.equals("csv")) {
            ProfileFiles.dropCsv(staging, inbox, name, "c-", RECORDS, INVALID);
        } else {
            ProfileFiles.drop(staging, inbox, name, "c-", RECORDS, INVALID);
        }
        int firstLine = format.equals("csv") ? 2 : 1;

        long storedBeforeKill;
        try (ForkedJvm first = CamelMainProcess.fork(ROUTES, properties(), staging.resolve("crash.properties"), log)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                    .until(() -> EMULATOR.get().storedRecordCount() >= killAt);
            first.kill();
            storedBeforeKill = EMULATOR.get().storedRecordCount();
        }
        assertThat(storedBeforeKill).isLessThan(RECORDS);
        assertThat(inbox.resolve(".done/" + name)).doesNotExist();
        assertThat(inbox.resolve(".inprogress/" + name)).exists();
        FileProgress progress = FileProgress.read(inbox.resolve(".inprogress/" + name + ".progress"));

        try (ForkedJvm second = CamelMainProcess.fork(ROUTES, properties(), staging.resolve("crash.properties"), log)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(inbox.resolve(".done/" + name)));
            assertThat(second.isAlive()).isTrue();
        }

        Map<Object, Long> storedByIdentity = FaultSuite.storedByIdentity(EMULATOR, ACCOUNT);
        long stored = FaultSuite.stored(storedByIdentity);
        long duplicated = stored - storedByIdentity.size();
        System.out.printf("crash %s: seed=%d killAt=%d records=%d stored before kill -9=%d progress at kill=%s"
                          + " stored=%d distinct=%d duplicated=%d peakInFlight=%d%n", format, seed, killAt, RECORDS,
                storedBeforeKill, progress == null ? "none" : progress.records() + " records", stored,
                storedByIdentity.size(), duplicated, EMULATOR.get().stats().peakInFlight(ACCOUNT));

        int[] invalid = IntStream.range(0, RECORDS).filter(INVALID).toArray();
        assertThat(storedByIdentity).hasSize(RECORDS - invalid.length);
        assertThat(storedByIdentity.keySet()).containsAll(List.of(ProfileFiles.identity("c-", 0),
                ProfileFiles.identity("c-", RECORDS - 2)));
        // each rejected line listed once: none lost across the kill, none written twice
        List<Map<String, Object>> rejected = ProfileFiles.readNdjson(inbox.resolve(".done/" + name
                                                                                   + ".rejected.ndjson"));
        assertThat(rejected).extracting(entry -> ((Number) entry.get("line")).intValue())
                .containsExactlyInAnyOrder(IntStream.of(invalid).map(i -> i + firstLine).boxed().toArray(Integer[]::new));
        assertThat(rejected).extracting(entry -> entry.get("code")).containsOnly(512);
        // only what was in flight, or answered since the last progress write, is sent again
        assertThat(duplicated).isBetween(0L, (long) WINDOW);
        assertThat(inbox.resolve(".inprogress")).isEmptyDirectory();
        assertThat(inbox.resolve(".error")).doesNotExist();
        assertThat(Files.readString(log)).contains(name + " was left in progress by an earlier run")
                .doesNotContain(PASSCODE);
        assertThat(EMULATOR.get().stats().peakInFlight(ACCOUNT)).isBetween(1, 15);
    }

    /** The forked JVM's properties (in a file only this user can read, not on its command line). */
    private Map<String, String> properties() {
        return Map.of("inbox", inbox.toString(),
                "clevertap.account-id", ACCOUNT,
                "clevertap.passcode", PASSCODE,
                "clevertap.base-uri", EMULATOR.get().baseUri().toString());
    }
}
