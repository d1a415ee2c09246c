package io.github.camelclevertap.routetemplates;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.camelclevertap.emulator.Fault;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A CleverTap outage (every request answered 503) in the middle of a 100,000-line file: the file source stops reading
 * once a window of records awaits an answer (no unbounded buffering), the sink backs off instead of hammering the API,
 * and after the outage the file ends in done with every record stored once, or, when the outage outlasts the
 * retries, in error with exactly the records that were not stored in its undelivered output.
 */
class FileSourceOutageTest {

    private static final String ACCOUNT = "ACC-FileSourceOutageTest";
    private static final String PASSCODE = "pc-outage-SECRET";
    private static final int RECORDS = 100_000;
    /** batchSize × maxConcurrentRequests: the records the sink takes ahead of CleverTap's answers. */
    private static final int WINDOW = 1000 * 15;

    @TempDir
    static Path inbox;
    @TempDir
    static Path staging;

    @RegisterExtension
    @Order(1)
    static final EmulatorExtension EMULATOR = new EmulatorExtension(emulator -> emulator.account(ACCOUNT, PASSCODE));
    @RegisterExtension
    @Order(2)
    static final CamelMainRunner CAMEL = CamelMainRunner.routes("routes/clevertap-file-outage.yaml",
            () -> CamelMainRunner.sinkProperties(EMULATOR, ACCOUNT, PASSCODE,
                    "inbox", inbox.toString(),
                    // lets the test see how far the file source has read
                    "camel.main.inflight-repository-browse-enabled", "true"));

    @Test
    void theSourceWaitsOutAnOutageAndDeliversEverythingAfterIt() throws Exception {
        ProfileFiles.drop(staging, inbox.resolve("patient"), "outage.ndjson", "p-", RECORDS, i -> false);
        await().atMost(Duration.ofSeconds(30)).until(() -> EMULATOR.get().storedRecordCount() >= 20_000);

        startOutage();
        long requestsBefore = EMULATOR.get().stats().requests();
        long outageStarted = System.nanoTime();
        // several rounds of retries of every slot
        await().atMost(Duration.ofSeconds(30)).until(() -> EMULATOR.get().stats().requests() - requestsBefore >= 60);
        long read = recordsRead();
        long stored = EMULATOR.get().storedRecordCount();
        await().atMost(Duration.ofSeconds(30)).until(() -> EMULATOR.get().stats().requests() - requestsBefore >= 90);
        long requests = EMULATOR.get().stats().requests() - requestsBefore;
        double outageSeconds = (System.nanoTime() - outageStarted) / 1e9;
        long readLater = recordsRead();
        EMULATOR.get().faults().clear();

        Path done = inbox.resolve("patient/.done/outage.ndjson");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(done));
        System.out.printf("outage (retries outlast it): records=%d stored=%d read while stored=%d: %d, then %d;"
                          + " %d requests in %.1f s of outage; peakInFlight=%d%n", RECORDS,
                EMULATOR.get().storedRecordCount(), stored, read, readLater, requests, outageSeconds,
                EMULATOR.get().stats().peakInFlight(ACCOUNT));

        // the reader stood still, one window ahead of what CleverTap stored
        assertThat(readLater).isEqualTo(read);
        assertThat(read - stored).isBetween(1L, WINDOW + 1L);
        // back-off: 15 slots retried without delay would send thousands of requests a second (a 503 takes well under
        // a millisecond); with it each slot waits 25 ms, then 50, 100, up to 200-400 ms between attempts
        assertThat(requests / outageSeconds).isLessThan(15 * 20.0);
        List<Map<String, Object>> records = EMULATOR.get().storedRecords(ACCOUNT);
        assertThat(records).hasSize(RECORDS);
        assertThat(records.stream().map(r -> r.get("identity")).distinct().count()).isEqualTo(RECORDS);
        assertThat(EMULATOR.get().stats().peakInFlight(ACCOUNT)).isBetween(1, 15);
    }

    @Test
    void anOutageLongerThanTheRetriesLeavesExactlyTheUnstoredRecordsUndelivered() throws Exception {
        ProfileFiles.drop(staging, inbox.resolve("impatient"), "outage.ndjson", "i-", RECORDS, i -> false);
        await().atMost(Duration.ofSeconds(30)).until(() -> EMULATOR.get().storedRecordCount() >= 20_000);

        startOutage();
        Path failed = inbox.resolve("impatient/.error/outage.ndjson");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(failed));
        EMULATOR.get().faults().clear();

        Set<Object> stored = EMULATOR.get().storedRecords(ACCOUNT).stream().map(r -> r.get("identity"))
                .collect(Collectors.toSet());
        List<Map<String, Object>> undelivered = ProfileFiles.readNdjson(
                failed.resolveSibling("outage.ndjson.undelivered.ndjson"));
        Set<Object> undeliveredIdentities = new HashSet<>();
        undelivered.forEach(r -> undeliveredIdentities.add(r.get("identity")));
        System.out.printf("outage (longer than the retries): records=%d stored=%d undelivered=%d%n", RECORDS,
                EMULATOR.get().storedRecordCount(), undelivered.size());

        assertThat(inbox.resolve("impatient/.done/outage.ndjson")).doesNotExist();
        assertThat(EMULATOR.get().storedRecordCount()).isEqualTo(stored.size());
        assertThat(undelivered).hasSize(undeliveredIdentities.size());
        assertThat(undeliveredIdentities.stream().filter(stored::contains)).isEmpty();
        assertThat(stored.size() + undeliveredIdentities.size()).isEqualTo(RECORDS);
        assertThat(undelivered.get(0)).containsEntry("type", "profile").containsKey("profileData");
    }

    /** Every request from now on is answered 503, until the faults are cleared. */
    private static void startOutage() {
        Fault[] outage = new Fault[100_000];
        Arrays.fill(outage, Fault.status(503));
        EMULATOR.get().faults().enqueue(outage);
    }

    /** Records the file being uploaded has handed to the sink so far. */
    private static long recordsRead() {
        // an exchange is listed once for each route it is in (the file source's, the sink's)
        return CAMEL.context().getInflightRepository().browse().stream()
                .map(inflight -> inflight.getExchange().getProperty(RecordFileReader.RECORD_FILE, RecordFile.class))
                .filter(Objects::nonNull).distinct().mapToLong(RecordFile::recordsRead).sum();
    }
}
