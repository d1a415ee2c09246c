package io.github.camelclevertap.component.upload;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Caps the upload requests in flight for one CleverTap account without blocking a thread: a task that finds no free
 * slot waits in a queue and runs when a request finishes. One limiter serves every endpoint of the account in the JVM,
 * because CleverTap counts concurrency per account.
 */
public final class InFlightLimiter {

    private static final Map<String, InFlightLimiter> BY_ACCOUNT = new ConcurrentHashMap<>();

    private final Queue<Waiting> waiting = new ArrayDeque<>();
    private int limit;
    private int inFlight;
    private int peakInFlight;

    private InFlightLimiter(int limit) {
        this.limit = limit;
    }

    /**
     * The limiter of an account. When endpoints ask for different limits the lowest one applies to all of them.
     */
    public static InFlightLimiter forAccount(String accountId, int limit) {
        InFlightLimiter limiter = BY_ACCOUNT.computeIfAbsent(accountId, id -> new InFlightLimiter(limit));
        limiter.lowerLimitTo(limit);
        return limiter;
    }

    private synchronized void lowerLimitTo(int newLimit) {
        limit = Math.min(limit, newLimit);
    }

    /**
     * Runs the task on the executor once a slot is free; the task must call {@link #release()} exactly once when its
     * request has finished.
     */
    public void execute(Runnable task, Executor executor) {
        synchronized (this) {
            if (inFlight >= limit) {
                waiting.add(new Waiting(task, executor));
                return;
            }
            inFlight++;
            peakInFlight = Math.max(peakInFlight, inFlight);
        }
        executor.execute(task);
    }

    public void release() {
        Waiting next;
        synchronized (this) {
            next = inFlight > limit ? null : waiting.poll();
            if (next == null) {
                inFlight--;
            }
        }
        if (next != null) {
            next.executor().execute(next.task());
        }
    }

    public synchronized int limit() {
        return limit;
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    public synchronized int peakInFlight() {
        return peakInFlight;
    }

    public synchronized int waiting() {
        return waiting.size();
    }

    private record Waiting(Runnable task, Executor executor) {
    }
}
