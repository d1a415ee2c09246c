package io.github.camelclevertap.component.upload;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Caps the upload requests in flight for one CleverTap account without blocking a thread: a task that finds no free
 * slot waits in a queue and runs when a request finishes. One limiter serves every endpoint of the account in the JVM,
 * because CleverTap counts concurrency per account; when the endpoints ask for different limits the lowest one of
 * those still registered applies.
 */
public final class InFlightLimiter {

    private static final Map<String, InFlightLimiter> BY_ACCOUNT = new ConcurrentHashMap<>();

    private final Queue<Waiting> waiting = new ArrayDeque<>();
    private final Map<Registration, Integer> requestedLimits = new HashMap<>();
    private final int ceiling;
    private int inFlight;
    private int peakInFlight;

    private InFlightLimiter(int ceiling) {
        this.ceiling = ceiling;
    }

    /**
     * Registers a user of the account's limiter, asking for at most the given number of requests in flight.
     *
     * @param ceiling the most any registration can ask for (CleverTap's limit)
     */
    public static Registration register(String accountId, int limit, int ceiling) {
        InFlightLimiter limiter = BY_ACCOUNT.computeIfAbsent(accountId, id -> new InFlightLimiter(ceiling));
        Registration registration = limiter.new Registration();
        synchronized (limiter) {
            limiter.requestedLimits.put(registration, Math.min(limit, ceiling));
        }
        return registration;
    }

    /**
     * Runs the task on the executor once a slot is free; the task must call {@link #release()} exactly once when its
     * request has finished.
     */
    public void execute(Runnable task, Executor executor) {
        synchronized (this) {
            if (inFlight >= limit()) {
                waiting.add(new Waiting(task, executor));
                return;
            }
            inFlight++;
            peakInFlight = Math.max(peakInFlight, inFlight);
        }
        run(task, executor);
    }

    public void release() {
        Waiting next;
        synchronized (this) {
            next = inFlight > limit() ? null : waiting.poll();
            if (next == null) {
                inFlight--;
            }
        }
        if (next != null) {
            run(next.task(), next.executor());
        }
    }

    private static void run(Runnable task, Executor executor) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException stopping) {
            // the tasks only start a non-blocking request, so the caller's thread can take it
            task.run();
        }
    }

    public synchronized int limit() {
        return requestedLimits.values().stream().mapToInt(Integer::intValue).min().orElse(ceiling);
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

    /**
     * One endpoint's claim on the account's limiter; closing it withdraws the endpoint's limit.
     */
    public final class Registration implements AutoCloseable {

        public InFlightLimiter limiter() {
            return InFlightLimiter.this;
        }

        @Override
        public void close() {
            synchronized (InFlightLimiter.this) {
                requestedLimits.remove(this);
            }
        }
    }

    private record Waiting(Runnable task, Executor executor) {
    }
}
