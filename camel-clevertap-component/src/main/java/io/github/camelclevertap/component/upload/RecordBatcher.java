package io.github.camelclevertap.component.upload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Gathers records from concurrent exchanges into batches: a batch is handed on when it is full, or when its first
 * record has waited the batch timeout.
 */
public final class RecordBatcher {

    private static final long STOPPING_BATCH_TIMEOUT_MILLIS = 10;

    private final int batchSize;
    private volatile long batchTimeoutMillis;
    private final ScheduledExecutorService scheduler;
    private final Consumer<List<PendingRecord>> sink;

    private List<PendingRecord> current;
    private boolean stopped;
    private long generation;
    private ScheduledFuture<?> timeout;

    public RecordBatcher(int batchSize, long batchTimeoutMillis, ScheduledExecutorService scheduler,
                         Consumer<List<PendingRecord>> sink) {
        this.batchSize = batchSize;
        this.batchTimeoutMillis = batchTimeoutMillis;
        this.scheduler = scheduler;
        this.sink = sink;
        this.current = new ArrayList<>(batchSize);
    }

    public void add(PendingRecord record) {
        List<PendingRecord> full = null;
        synchronized (this) {
            current.add(record);
            if (stopped || current.size() >= batchSize || current.size() == 1 && !scheduleTimeout()) {
                // full, or no timer to send it later (the producer is stopping): it goes now
                full = take();
            }
        }
        if (full != null) {
            sink.accept(full);
        }
    }

    /**
     * Hands on the records gathered so far without waiting for the timeout.
     */
    public void flush() {
        List<PendingRecord> batch;
        synchronized (this) {
            batch = current.isEmpty() ? null : take();
        }
        if (batch != null) {
            sink.accept(batch);
        }
    }

    /**
     * The producer stops: what was gathered goes on now, and so does every record added later, alone, so none waits
     * for a timer (the upload hands them back as not sent).
     */
    public void stop() {
        List<PendingRecord> batch;
        synchronized (this) {
            stopped = true;
            batch = current.isEmpty() ? null : take();
        }
        if (batch != null) {
            sink.accept(batch);
        }
    }

    /**
     * Hands on what was gathered and lets later records wait no more than a moment: the route is stopping and its
     * exchanges should not wait out a long batch timeout.
     */
    public void prepareForStop() {
        batchTimeoutMillis = Math.min(batchTimeoutMillis, STOPPING_BATCH_TIMEOUT_MILLIS);
        flush();
    }

    /** @return false when the timer is shut down */
    private boolean scheduleTimeout() {
        long scheduledFor = generation;
        try {
            timeout = scheduler.schedule(() -> flushIfStill(scheduledFor), batchTimeoutMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException stopping) {
            timeout = null;
            return false;
        }
    }

    private void flushIfStill(long scheduledFor) {
        List<PendingRecord> batch = null;
        synchronized (this) {
            if (generation == scheduledFor && !current.isEmpty()) {
                batch = take();
            }
        }
        if (batch != null) {
            sink.accept(batch);
        }
    }

    private List<PendingRecord> take() {
        List<PendingRecord> batch = current;
        current = new ArrayList<>(batchSize);
        generation++;
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
        return batch;
    }
}
