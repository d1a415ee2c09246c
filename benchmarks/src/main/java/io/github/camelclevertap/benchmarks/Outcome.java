package io.github.camelclevertap.benchmarks;

/**
 * What a case's sender saw of one run.
 *
 * @param acknowledged records the sender got a positive answer for
 * @param failed       records whose exchange or request failed
 * @param maxPending   the most exchanges the sender had waiting for an answer at once (0 when not applicable)
 */
record Outcome(long acknowledged, long failed, long maxPending) {
}
