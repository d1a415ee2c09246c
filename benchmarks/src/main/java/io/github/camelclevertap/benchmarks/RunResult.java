package io.github.camelclevertap.benchmarks;

/**
 * One measured run of one case at one latency.
 *
 * @param records         records the run sent
 * @param wallNanos       from the first record handed over to the last one answered
 * @param outcome         what the sender saw
 * @param emulator        what the emulator saw
 * @param emulatorCpuNanos CPU time of the emulator's JVM during the run
 * @param usage           CPU time and heap of the benchmark's JVM during the run
 */
record RunResult(long records, long wallNanos, Outcome outcome, ForkedEmulator.Snapshot emulator,
                 long emulatorCpuNanos, ResourceMeter.Usage usage) {

    double recordsPerSecond() {
        return records * 1e9 / wallNanos;
    }

    double cpuMillisPer1000() {
        return usage.cpuNanos() / 1e6 / records * 1000;
    }

    double allocatedBytesPerRecord() {
        return (double) usage.allocatedBytes() / records;
    }

    double emulatorCpuMillisPer1000() {
        return emulatorCpuNanos / 1e6 / records * 1000;
    }

    /** Whether every record was answered positively and stored exactly once. */
    boolean complete() {
        return outcome.acknowledged() == records && outcome.failed() == 0 && emulator.storedRecords() == records;
    }
}
