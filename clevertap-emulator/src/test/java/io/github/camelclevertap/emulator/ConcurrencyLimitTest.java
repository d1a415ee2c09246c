package io.github.camelclevertap.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.github.camelclevertap.emulator.UploadClient.batch;
import static io.github.camelclevertap.emulator.UploadClient.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/** CleverTap's per-account limit of concurrent uploads, and the slot release that clients rely on. */
class ConcurrencyLimitTest {

    private CleverTapEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void sixteenthConcurrentRequestGets429AndCountsInThePeak() throws Exception {
        // Latency keeps the first 15 in flight long enough for the 16th to arrive while they are.
        emulator = CleverTapEmulator.builder().account("ACC-1", "pass-1").account("ACC-2", "pass-2")
                .maxConcurrentRequests(15).latency(Duration.ofSeconds(3)).build().start();
        UploadClient client = new UploadClient(emulator, "ACC-1", "pass-1");

        List<CompletableFuture<HttpResponse<String>>> first = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            first.add(client.uploadAsync(batch(event("u" + i))));
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> emulator.stats().inFlight() == 15);

        HttpResponse<String> sixteenth = client.upload(batch(event("u15")));

        assertThat(sixteenth.statusCode()).isEqualTo(429);
        assertThat(sixteenth.body()).isEqualTo("{\"status\":\"fail\",\"error\":\"Too many concurrent requests\",\"code\":429}");
        assertThat(emulator.stats().peakInFlight()).isEqualTo(16);
        assertThat(emulator.stats().peakInFlight("ACC-1")).isEqualTo(16);

        // The limit is per account: another account still gets through (after the latency).
        CompletableFuture<HttpResponse<String>> other = new UploadClient(emulator, "ACC-2", "pass-2")
                .uploadAsync(batch(event("v1")));

        for (CompletableFuture<HttpResponse<String>> response : first) {
            assertThat(response.get().statusCode()).isEqualTo(200);
        }
        assertThat(other.get().statusCode()).isEqualTo(200);
        EmulatorStats stats = emulator.stats();
        assertThat(stats.responsesByStatus()).containsOnly(entry(200, 16L), entry(429, 1L));
        assertThat(stats.peakInFlight("ACC-2")).isEqualTo(1);
        // Counted out after the last byte is written, which the client may read a moment earlier.
        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.stats().inFlight() == 0);
        assertThat(emulator.storedRecords("ACC-1")).hasSize(15);
    }

    @Test
    void aClientThatReusesItsSlotAtOnceNeverSees429() throws Exception {
        // Each worker sends its next request the moment it has an answer: the slot must already be free.
        int workers = 4;
        emulator = CleverTapEmulator.builder().maxConcurrentRequests(workers).build().start();
        UploadClient client = new UploadClient(emulator, "TEST-ACCOUNT", "test-passcode");
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                results.add(pool.submit(() -> {
                    List<Integer> statuses = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        statuses.add(client.upload(batch(event("u" + i))).statusCode());
                    }
                    return statuses;
                }));
            }
            for (Future<List<Integer>> result : results) {
                assertThat(result.get()).containsOnly(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(emulator.stats().responsesByStatus()).containsOnly(entry(200, 200L));
        assertThat(emulator.stats().peakInFlight()).isLessThanOrEqualTo(workers);
    }
}
