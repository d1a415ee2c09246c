package io.github.camelclevertap.benchmarks;

/**
 * One way of getting records to CleverTap. Setting up (a Camel context, routes, connections) is not timed; only
 * {@link Run#execute()} is.
 */
interface BenchmarkCase {

    /** A short id for the command line and the chart. */
    String id();

    /** The row label in the report. */
    String title();

    /** Records one measured run sends at the given latency, before {@code --scale}. */
    long records(int latencyMillis);

    /** Why the case is not run yet, or null when it runs. */
    default String notRunReason() {
        return null;
    }

    /** Sets up a run of {@code trial.records()} records; the result is closed after the run. */
    Run prepare(Trial trial) throws Exception;

    /** Releases what the case keeps from one run to the next (a child JVM, files), after its last run. */
    default void close() throws Exception {
    }

    /** A prepared run. */
    interface Run extends AutoCloseable {

        /** Sends the records and returns once every one of them was answered. */
        Outcome execute() throws Exception;

        @Override
        void close() throws Exception;
    }
}
