package io.github.camelclevertap.component.upload;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The batches of one producer that have not ended, and whether the producer is stopping. Stopping hands back what
 * was not sent, lets the requests in flight end (each within its request timeout), and aborts those still running
 * when the shutdown timeout is up, so a stop never waits forever and never frees a slot whose request is running.
 */
public final class UploadLedger {

    /** After aborting, how long the aborted requests get to report their end. */
    private static final long ABORT_GRACE_MILLIS = 5_000;

    private final Set<BatchUpload> outstanding = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /**
     * @return false when the producer is stopping: the batch must hand its records back instead of sending them
     */
    boolean admit(BatchUpload batch) {
        outstanding.add(batch);
        if (stopping) {
            outstanding.remove(batch);
            return false;
        }
        return true;
    }

    void ended(BatchUpload batch) {
        if (outstanding.remove(batch) && outstanding.isEmpty()) {
            synchronized (outstanding) {
                outstanding.notifyAll();
            }
        }
    }

    public boolean isStopping() {
        return stopping;
    }

    /** From now on no record is read or sent: exchanges finish with what they have. */
    public void beginStop() {
        stopping = true;
    }

    /**
     * Stops: batches waiting for a slot or a retry end at once, with their records handed back; requests in flight
     * get until the timeout to end, then are aborted (their records' outcome is unknown).
     *
     * @return true when every request in flight ended by itself
     */
    public boolean stop(long timeoutMillis) {
        beginStop();
        for (BatchUpload batch : List.copyOf(outstanding)) {
            batch.stopWaiting();
        }
        boolean ended = awaitEmpty(timeoutMillis);
        if (!ended) {
            for (BatchUpload batch : List.copyOf(outstanding)) {
                batch.abort();
            }
            if (!awaitEmpty(ABORT_GRACE_MILLIS)) {
                for (BatchUpload batch : List.copyOf(outstanding)) {
                    batch.endUnanswered("the producer stopped and the aborted request did not end");
                }
            }
        }
        return ended;
    }

    private boolean awaitEmpty(long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        synchronized (outstanding) {
            long left;
            while (!outstanding.isEmpty() && (left = (deadline - System.nanoTime()) / 1_000_000) > 0) {
                try {
                    outstanding.wait(left);
                } catch (InterruptedException forced) {
                    Thread.currentThread().interrupt();
                    return outstanding.isEmpty();
                }
            }
        }
        return outstanding.isEmpty();
    }

    public int outstandingBatches() {
        return outstanding.size();
    }
}
