package io.github.camelclevertap.routetemplates;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.camelclevertap.emulator.EmulatorStats;
import io.github.camelclevertap.emulator.FaultRates;

/**
 * What the fault suites share: the faults the emulator injects, the request timeout they are measured against, and
 * the figures each run prints.
 */
final class FaultSuite {

    /** The component's request timeout in the suites (`camel.component.clevertap.request-timeout`). */
    static final long REQUEST_TIMEOUT_MILLIS = 1000;
    /** 5% 503s, 2% 429s, 2% dropped connections, 2% responses slower than the request timeout. */
    static final FaultRates RATES = FaultRates.builder().p503(0.05).p429(0.02).pDrop(0.02).pSlow(0.02)
            .slowDelay(Duration.ofMillis(REQUEST_TIMEOUT_MILLIS + 500)).build();
    static final long SEED = 20_261_123L;

    private FaultSuite() {
    }

    /** How often the emulator stored each identity of the account. */
    static Map<Object, Long> storedByIdentity(EmulatorExtension emulator, String account) {
        return emulator.get().storedRecords(account).stream()
                .collect(Collectors.groupingBy(r -> r.get("identity"), Collectors.counting()));
    }

    /** The records of {@link #storedByIdentity}, duplicates included. */
    static long stored(Map<Object, Long> storedByIdentity) {
        return storedByIdentity.values().stream().mapToLong(Long::longValue).sum();
    }

    /** CPU seconds this JVM has used so far. */
    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /**
     * The figures of one run.
     *
     * @param records       records sent
     * @param stored        records the emulator stored, duplicates included
     * @param rejected      records rejected with a code and reason
     * @param undelivered   records handed back as undelivered (to send again)
     * @param duplicated    stored records that were stored before (stored minus distinct identities)
     * @param clientRetries calls a webhook caller sent again after a 502, 503 or no answer
     * @param emulator      the emulator's counters at the end of the run
     * @param seconds       how long the run took
     * @param cpuSeconds    CPU time the test JVM spent meanwhile (the emulator, Camel and the callers together)
     */
    record Figures(long records, long stored, long rejected, long undelivered, long duplicated, long clientRetries,
                   EmulatorStats emulator, double seconds, double cpuSeconds) {

        String print(String run) {
            Map<Integer, Long> statuses = emulator.responsesByStatus();
            String line = String.format("%s: records=%d stored=%d rejected=%d undelivered=%d duplicated=%d"
                                        + " clientRetries=%d requests=%d responsesByStatus=%s peakInFlight=%d"
                                        + " seconds=%.1f cpuSeconds=%.1f",
                    run, records, stored, rejected, undelivered, duplicated, clientRetries, emulator.requests(),
                    statuses, emulator.peakInFlight(), seconds, cpuSeconds);
            System.out.println(line);
            return line;
        }
    }
}
