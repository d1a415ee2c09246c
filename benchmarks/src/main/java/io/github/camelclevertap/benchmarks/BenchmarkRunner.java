package io.github.camelclevertap.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs every selected case at every latency against one forked emulator: per latency, the warm-up runs of each case,
 * then the measured runs interleaved (case 1, 2, 4, 5, ceiling, case 1, 2, ...) so slow drift of a busy machine
 * spreads over all cases instead of hitting one.
 */
final class BenchmarkRunner {

    static final String PASSCODE = "bench-passcode";

    private final BenchmarkConfig config;
    private final List<BenchmarkCase> cases;
    private final PrintStream log;

    BenchmarkRunner(BenchmarkConfig config, List<BenchmarkCase> cases, PrintStream log) {
        this.config = config;
        this.cases = cases;
        this.log = log;
    }

    static List<BenchmarkCase> allCases() {
        return List.of(new ComponentWebhookCase(), new ComponentBulkCase(), new ComponentBulkRedisCase(),
                new FileTemplateCase(),
                new OneRecordPerRequestCase(), new AggregateThrottleCase(), new EmulatorCeilingCase());
    }

    List<CaseSummary> run() throws Exception {
        List<BenchmarkCase> selected = cases.stream().filter(config::selected).toList();
        List<BenchmarkCase> runnable = selected.stream().filter(c -> c.notRunReason() == null).toList();
        List<String> accounts = runnable.stream().map(BenchmarkRunner::account).toList();
        List<CaseSummary> summaries = new ArrayList<>();
        try (ForkedEmulator emulator = new ForkedEmulator(PASSCODE, accounts, config.emulatorHeap());
             AutoCloseable closeCases = () -> closeAll(runnable)) {
            for (int latency : config.latencies()) {
                emulator.setLatency(latency);
                Map<BenchmarkCase, List<RunResult>> results = new LinkedHashMap<>();
                for (BenchmarkCase benchmarkCase : runnable) {
                    results.put(benchmarkCase, new ArrayList<>());
                    for (int w = 0; w < config.warmups(); w++) {
                        RunResult warmup = runOnce(emulator, benchmarkCase,
                                config.warmupRecordsFor(benchmarkCase, latency));
                        progress("warm-up", benchmarkCase, latency, w + 1, config.warmups(), warmup);
                    }
                }
                for (int r = 0; r < config.repeats(); r++) {
                    for (BenchmarkCase benchmarkCase : runnable) {
                        RunResult result = runOnce(emulator, benchmarkCase, config.recordsFor(benchmarkCase, latency));
                        progress("run", benchmarkCase, latency, r + 1, config.repeats(), result);
                        results.get(benchmarkCase).add(result);
                    }
                }
                for (BenchmarkCase benchmarkCase : selected) {
                    summaries.add(benchmarkCase.notRunReason() != null
                            ? CaseSummary.notRun(benchmarkCase, latency, benchmarkCase.notRunReason())
                            : new CaseSummary(benchmarkCase, latency, results.get(benchmarkCase), null));
                }
            }
        }
        return summaries;
    }

    private static void closeAll(List<BenchmarkCase> cases) throws Exception {
        for (BenchmarkCase benchmarkCase : cases) {
            benchmarkCase.close();
        }
    }

    private RunResult runOnce(ForkedEmulator emulator, BenchmarkCase benchmarkCase, long records) throws Exception {
        Trial trial = new Trial(emulator.baseUri(), account(benchmarkCase), PASSCODE, records, config.window(),
                config.batchTimeoutMs());
        try (BenchmarkCase.Run run = benchmarkCase.prepare(trial)) {
            // start each run from an empty young generation, with nothing left from the run before
            System.gc();
            emulator.reset();
            ForkedEmulator.Snapshot before = emulator.snapshot();
            ResourceMeter meter = new ResourceMeter();
            long start = System.nanoTime();
            Outcome outcome;
            long wall;
            ResourceMeter.Usage usage;
            try {
                outcome = run.execute();
                wall = System.nanoTime() - start;
                usage = meter.stop();
                if (outcome.senderUsage() != null) {
                    usage = outcome.senderUsage();
                }
            } finally {
                meter.close();
            }
            ForkedEmulator.Snapshot after = emulator.snapshot();
            return new RunResult(records, wall, outcome, after, after.cpuNanos() - before.cpuNanos(), usage);
        }
    }

    private void progress(String kind, BenchmarkCase benchmarkCase, int latency, int n, int of, RunResult r) {
        log.printf(Locale.ROOT, "L=%3d ms %-18s %-7s %d/%d: %,9d records in %6.2f s = %,10.0f rec/s, %,d requests,"
                                + " peak in flight %d, CPU %.1f ms/1000, %.2f KiB/rec%s%n",
                latency, benchmarkCase.id(), kind, n, of, r.records(), r.wallNanos() / 1e9, r.recordsPerSecond(),
                r.emulator().requests(), r.emulator().peakInFlight(), r.cpuMillisPer1000(),
                r.allocatedBytesPerRecord() / 1024,
                r.complete() ? "" : "  INCOMPLETE: " + r.outcome() + ", stored " + r.emulator().storedRecords());
    }

    static String account(BenchmarkCase benchmarkCase) {
        return "BENCH-" + benchmarkCase.id();
    }
}
