package io.github.camelclevertap.benchmarks;

/**
 * What a case's sender saw of one run.
 *
 * @param acknowledged records the sender got a positive answer for
 * @param failed       records whose exchange or request failed
 * @param maxPending   the most exchanges the sender had waiting for an answer at once (0 when not applicable)
 * @param senderUsage  CPU time and heap of the JVM that sent, when that was not the benchmark's own (case 3 runs in a
 *                     JVM of its own, with its own heap cap); null when it was
 */
record Outcome(long acknowledged, long failed, long maxPending, ResourceMeter.Usage senderUsage) {

    Outcome(long acknowledged, long failed, long maxPending) {
        this(acknowledged, failed, maxPending, null);
    }
}
