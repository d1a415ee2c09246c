package io.github.camelclevertap.routetemplates;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.camelclevertap.emulator.EmulatorStats;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The file fault suite: a 200,000-line NDJSON file through `clevertap-file-source` → `clevertap-sink` against an
 * emulator injecting 503s, 429s, dropped connections and responses slower than the request timeout
 * ({@link FaultSuite#RATES}). Every record ends up stored, or in the rejected or undelivered output with its reason;
 * the run counts duplicates (records stored by a request that timed out and was sent again) and checks that the
 * emulator never saw more than 15 requests at once.
 */
class FileSourceFaultSuiteTest {

    private static final String ACCOUNT = "ACC-FileSourceFaultSuiteTest";
    private static final String PASSCODE = "pc-file-faults-SECRET";
    private static final int RECORDS = Integer.getInteger("file.faults.records", 200_000);
    /** Every 100th row has a name CleverTap refuses (code 512). */
    private static final int INVALID_EVERY = 100;

    @TempDir
    static Path inbox;
    @TempDir
    static Path staging;

    @RegisterExtension
    @Order(1)
    static final EmulatorExtension EMULATOR = new EmulatorExtension(emulator -> emulator.account(ACCOUNT, PASSCODE));
    @RegisterExtension
    @Order(2)
    static final CamelMainRunner CAMEL = CamelMainRunner.routes("routes/clevertap-file-faults.yaml",
            () -> CamelMainRunner.sinkProperties(EMULATOR, ACCOUNT, PASSCODE,
                    "camel.component.clevertap.request-timeout", String.valueOf(FaultSuite.REQUEST_TIMEOUT_MILLIS),
                    "inbox", inbox.toString(),
                    "sink.max-retries", "10",
                    "sink.max-retry-delay", "200"));

    @Test
    void everyRecordEndsStoredRejectedOrUndeliveredUnderFaults() throws Exception {
        EMULATOR.get().faults().random(FaultSuite.SEED, FaultSuite.RATES);
        long started = System.nanoTime();
        double cpuAtStart = FaultSuite.cpuSeconds();

        ProfileFiles.drop(staging, inbox, "faults.ndjson", "f-", RECORDS, i -> i % INVALID_EVERY == 0);
        Path done = inbox.resolve(".done/faults.ndjson");
        Path failed = inbox.resolve(".error/faults.ndjson");
        await().atMost(Duration.ofMinutes(2)).until(() -> Files.exists(done) || Files.exists(failed));
        double seconds = (System.nanoTime() - started) / 1e9;

        EmulatorStats stats = EMULATOR.get().stats();
        Map<Object, Long> storedByIdentity = FaultSuite.storedByIdentity(EMULATOR, ACCOUNT);
        long stored = FaultSuite.stored(storedByIdentity);
        Path folder = Files.exists(done) ? done.getParent() : failed.getParent();
        List<Map<String, Object>> rejected = ProfileFiles.readNdjson(folder.resolve("faults.ndjson.rejected.ndjson"));
        List<Map<String, Object>> undelivered = ProfileFiles.readNdjson(
                folder.resolve("faults.ndjson.undelivered.ndjson"));
        new FaultSuite.Figures(RECORDS, stored, rejected.size(), undelivered.size(),
                stored - storedByIdentity.size(), 0, stats, seconds, FaultSuite.cpuSeconds() - cpuAtStart)
                .print("file fault suite");

        // the retries outlast the faults: the file is done, and nothing is undelivered
        assertThat(done).exists();
        assertThat(undelivered).isEmpty();
        assertThat(rejected).hasSize(RECORDS / INVALID_EVERY).allSatisfy(entry -> {
            assertThat(entry.get("code")).isEqualTo(512);
            assertThat((Integer) entry.get("line") - 1).isEqualTo((Integer) entry.get("index"))
                    .matches(index -> index % INVALID_EVERY == 0);
        });
        Set<Object> rejectedIdentities = new HashSet<>();
        rejected.forEach(entry -> rejectedIdentities.add(((Map<?, ?>) entry.get("record")).get("identity")));
        assertThat(rejectedIdentities).hasSize(RECORDS / INVALID_EVERY);
        assertThat(rejectedIdentities.stream().filter(storedByIdentity::containsKey)).isEmpty();
        assertThat(storedByIdentity).hasSize(RECORDS - RECORDS / INVALID_EVERY);
        assertThat(stats.peakInFlight(ACCOUNT)).isBetween(1, 15);
        assertThat(stats.responses(503)).isPositive();
        assertThat(stats.responses(0)).isPositive();
    }
}
