package io.github.camelclevertap.benchmarks;

import java.util.Comparator;
import java.util.List;

/**
 * The measured runs of one case at one latency, or why it was not run.
 */
record CaseSummary(BenchmarkCase benchmarkCase, int latencyMillis, List<RunResult> runs, String notRunReason) {

    static CaseSummary notRun(BenchmarkCase benchmarkCase, int latencyMillis, String reason) {
        return new CaseSummary(benchmarkCase, latencyMillis, List.of(), reason);
    }

    boolean ran() {
        return !runs.isEmpty();
    }

    /** The run with the median rate (the lower middle one for an even count): the one the table shows. */
    RunResult median() {
        List<RunResult> sorted = runs.stream().sorted(Comparator.comparingDouble(RunResult::recordsPerSecond)).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    double medianRate() {
        return median().recordsPerSecond();
    }

    double minRate() {
        return runs.stream().mapToDouble(RunResult::recordsPerSecond).min().orElse(0);
    }

    double maxRate() {
        return runs.stream().mapToDouble(RunResult::recordsPerSecond).max().orElse(0);
    }

    int peakInFlight() {
        return runs.stream().mapToInt(r -> r.emulator().peakInFlight()).max().orElse(0);
    }

    long non200() {
        return runs.stream().mapToLong(r -> r.emulator().non200()).sum();
    }

    long peakHeapBytes() {
        return runs.stream().mapToLong(r -> r.usage().peakHeapBytes()).max().orElse(0);
    }

    long peakLiveBytes() {
        return runs.stream().mapToLong(r -> r.usage().peakLiveBytes()).max().orElse(0);
    }

    double medianCpuMillisPer1000() {
        return median(runs.stream().mapToDouble(RunResult::cpuMillisPer1000).sorted().toArray());
    }

    double medianAllocatedBytesPerRecord() {
        return median(runs.stream().mapToDouble(RunResult::allocatedBytesPerRecord).sorted().toArray());
    }

    double medianEmulatorCpuMillisPer1000() {
        return median(runs.stream().mapToDouble(RunResult::emulatorCpuMillisPer1000).sorted().toArray());
    }

    long maxPending() {
        return runs.stream().mapToLong(r -> r.outcome().maxPending()).max().orElse(0);
    }

    boolean complete() {
        return runs.stream().allMatch(RunResult::complete);
    }

    /** Records a second at this latency if 15 requests of 1000 records were always in flight; 0 at latency 0. */
    static double ceiling(int latencyMillis) {
        return latencyMillis <= 0 ? 0 : 15 * 1000 * 1000.0 / latencyMillis;
    }

    private static double median(double[] sorted) {
        if (sorted.length == 0) {
            return 0;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
