package io.github.camelclevertap.component.upload;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the upload requests in flight for one CleverTap account without blocking a thread: a request that finds no
 * free slot waits in a first-in, first-out queue and is granted a {@link Permit} when one is released. Every endpoint
 * of the account in the JVM shares one limiter ({@link AccountLimiters}), because CleverTap counts concurrency per
 * account; when the endpoints ask for different limits, the lowest one of those still registered applies, and waiting
 * requests are granted as soon as the limit rises.
 */
public final class InFlightLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(InFlightLimiter.class);
    /** The most concurrent upload requests CleverTap allows per account. */
    static final int CLEVERTAP_LIMIT = 15;

    private final String accountId;
    private final int ceiling;
    private final AccountLimiters registry;
    private final Queue<PermitRequest> waiting = new ArrayDeque<>();
    private final Map<Registration, Integer> requestedLimits = new HashMap<>();
    private int inFlight;
    private int peakInFlight;
    private long granted;
    private long released;

    InFlightLimiter(String accountId, int ceiling, AccountLimiters registry) {
        this.accountId = accountId;
        this.ceiling = ceiling;
        this.registry = registry;
    }

    /**
     * Asks for a slot. {@code onGranted} runs once with the permit: at once on this thread when a slot is free and
     * nobody waits, otherwise on the thread that releases a slot. It must only start work (hand it to an executor),
     * and the permit must be released exactly once when the request has ended; releasing it again does nothing.
     */
    public PermitRequest acquire(Consumer<Permit> onGranted) {
        PermitRequest request = new PermitRequest(onGranted);
        boolean now;
        synchronized (this) {
            now = waiting.isEmpty() && inFlight < limit();
            if (now) {
                take();
            } else {
                waiting.add(request);
            }
        }
        if (now) {
            request.grant(new Permit());
        }
        return request;
    }

    private void take() {
        inFlight++;
        granted++;
        peakInFlight = Math.max(peakInFlight, inFlight);
    }

    private void release() {
        List<PermitRequest> next;
        synchronized (this) {
            inFlight--;
            released++;
            next = grantable();
        }
        grantAll(next);
        registry.forgetIfIdle(this);
    }

    /** Takes slots for as many waiting requests as the limit now allows, in arrival order. */
    private List<PermitRequest> grantable() {
        List<PermitRequest> next = List.of();
        while (!waiting.isEmpty() && inFlight < limit()) {
            if (next.isEmpty()) {
                next = new ArrayList<>();
            }
            next.add(waiting.poll());
            take();
        }
        return next;
    }

    private void grantAll(List<PermitRequest> requests) {
        for (PermitRequest request : requests) {
            request.grant(new Permit());
        }
    }

    public synchronized int limit() {
        int limit = ceiling;
        for (int requested : requestedLimits.values()) {
            limit = Math.min(limit, requested);
        }
        return limit;
    }

    synchronized boolean idle() {
        return requestedLimits.isEmpty() && inFlight == 0 && waiting.isEmpty();
    }

    Registration register(int limit) {
        Registration registration = new Registration();
        synchronized (this) {
            requestedLimits.put(registration, Math.min(limit, ceiling));
        }
        return registration;
    }

    String accountId() {
        return accountId;
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

    /** Permits granted since the limiter was made; with {@link #released()}, what a leak test counts. */
    public synchronized long granted() {
        return granted;
    }

    public synchronized long released() {
        return released;
    }

    /**
     * A place in the queue, or the permit once granted.
     */
    public final class PermitRequest implements UploadPermits.Request {

        private final Consumer<Permit> onGranted;

        private PermitRequest(Consumer<Permit> onGranted) {
            this.onGranted = onGranted;
        }

        /**
         * Leaves the queue.
         *
         * @return false when the permit was already granted: {@code onGranted} has run or is about to, and whoever
         *         receives the permit releases it
         */
        @Override
        public boolean cancel() {
            boolean removed;
            synchronized (InFlightLimiter.this) {
                removed = waiting.remove(this);
            }
            if (removed) {
                registry.forgetIfIdle(InFlightLimiter.this);
            }
            return removed;
        }

        private void grant(Permit permit) {
            try {
                onGranted.accept(permit);
            } catch (RuntimeException e) {
                LOG.warn("An upload of account {} failed to start with its permit; the permit is released",
                        accountId, e);
                permit.release();
            }
        }
    }

    /**
     * One request's slot. Released exactly once, however often {@link #release()} is called.
     */
    public final class Permit implements UploadPermits.Permit {

        private final AtomicBoolean released = new AtomicBoolean();

        private Permit() {
        }

        @Override
        public void release() {
            if (released.compareAndSet(false, true)) {
                InFlightLimiter.this.release();
            }
        }

        /**
         * Releases the slot after a delay: for a request given up without an answer, which CleverTap may still be
         * working on. The delay runs on the JDK's shared timer, so the slot comes back even when the Camel context
         * that took it has stopped.
         */
        @Override
        public void releaseAfter(long delayMillis) {
            if (delayMillis <= 0) {
                release();
            } else {
                CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS, Runnable::run)
                        .execute(this::release);
            }
        }
    }

    /**
     * One endpoint's claim on the account's limiter; closing it withdraws the endpoint's limit, so waiting requests
     * may be granted at once.
     */
    public final class Registration implements UploadPermits.AccountPermits {

        public InFlightLimiter limiter() {
            return InFlightLimiter.this;
        }

        /** The local limiter never fails: the callback is only ever granted a permit. */
        @Override
        public PermitRequest acquire(UploadPermits.Callback callback) {
            return InFlightLimiter.this.acquire(callback::granted);
        }

        @Override
        public void close() {
            List<PermitRequest> next;
            synchronized (InFlightLimiter.this) {
                if (requestedLimits.remove(this) == null) {
                    return;
                }
                next = grantable();
            }
            grantAll(next);
            registry.forgetIfIdle(InFlightLimiter.this);
        }
    }
}
