package io.github.camelclevertap.benchmarks;

import java.nio.file.Path;
import java.util.List;

/**
 * What one invocation runs.
 *
 * @param latencies      emulator latencies in milliseconds, run in this order
 * @param repeats        measured runs of each case at each latency
 * @param warmups        unmeasured runs of each case at each latency, before the measured ones
 * @param scale          multiplies every case's record count
 * @param fixedRecords   when positive, every case sends exactly this many records (the smoke test)
 * @param window         the most single-record exchanges a sender keeps waiting for an answer
 * @param batchTimeoutMs the component's batchTimeout and the aggregator's completionTimeout
 * @param cases          ids of the cases to run; empty for all
 * @param outputDir      where benchmark-results.md and benchmark-results.png go
 * @param emulatorHeap   -Xmx of the emulator's JVM
 * @param commandLine    how the run was started, for the report
 */
record BenchmarkConfig(List<Integer> latencies, int repeats, int warmups, double scale, long fixedRecords, int window,
                       long batchTimeoutMs, List<String> cases, Path outputDir, String emulatorHeap,
                       String commandLine) {

    /**
     * 15 requests of 1000 records in flight plus 5 batches ready to go. Measured: 30,000 pending exchanges made case 1
     * at L = 100 ms spend most of its time in young-generation pauses (G1, 1 GiB heap, 2 cores), 20,000 did not.
     */
    static final int DEFAULT_WINDOW = 20_000;

    long recordsFor(BenchmarkCase benchmarkCase, int latencyMillis) {
        if (fixedRecords > 0) {
            return fixedRecords;
        }
        long base = benchmarkCase.records(latencyMillis);
        long scaled = Math.max(15, Math.round(base * scale));
        // whole batches, so no run ends waiting for a batch timeout
        return base % 1000 == 0 ? Math.max(1000, Math.round(scaled / 1000.0) * 1000) : scaled;
    }

    /** Warm-up runs are as long as measured ones: a shorter one left the JIT visibly unfinished on 2 cores. */
    long warmupRecordsFor(BenchmarkCase benchmarkCase, int latencyMillis) {
        return recordsFor(benchmarkCase, latencyMillis);
    }

    boolean selected(BenchmarkCase benchmarkCase) {
        return cases.isEmpty() || cases.contains(benchmarkCase.id());
    }
}
