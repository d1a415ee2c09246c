package io.github.camelclevertap.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * One misbehaviour of the emulated server, applied to a single upload request by the {@link FaultInjector}.
 *
 * <p>Faults apply to requests that passed authentication and the concurrency limit, so an injected fault is
 * never swallowed by a request that would have been refused anyway.
 */
public final class Fault {

    /** What the server does instead of (or in addition to) answering normally. */
    public enum Kind {
        /** Answer normally: a placeholder that lets a queue start with good requests. */
        NONE,
        /** Answer an HTTP error status with a CleverTap-style body, without processing the records. */
        STATUS,
        /** Read the request, then close the connection without any response; nothing is stored. */
        DROP_CONNECTION,
        /** Process and store the records, then close the connection without any response. */
        DROP_AFTER_STORE,
        /** Process and store the records, then wait before answering. */
        SLOW_RESPONSE
    }

    private final Kind kind;
    private final int httpStatus;
    private final Duration delay;

    private Fault(Kind kind, int httpStatus, Duration delay) {
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.delay = delay;
    }

    /**
     * No fault: the request is answered normally. Useful in a queue, for example
     * {@code enqueue(Fault.none(), Fault.status(503))} lets the first request through and fails the second.
     */
    public static Fault none() {
        return new Fault(Kind.NONE, 0, Duration.ZERO);
    }

    /**
     * Answers {@code httpStatus} with {@code {"status":"fail","error":"...","code":httpStatus}}.
     *
     * @param httpStatus an error status, 400 to 599 (for example 429, 500 or 503)
     */
    public static Fault status(int httpStatus) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("A fault status must be between 400 and 599, got " + httpStatus);
        }
        return new Fault(Kind.STATUS, httpStatus, Duration.ZERO);
    }

    /** Reads the request and closes the connection: the client sees an I/O error and nothing is stored. */
    public static Fault dropConnection() {
        return new Fault(Kind.DROP_CONNECTION, 0, Duration.ZERO);
    }

    /**
     * Stores the records, then closes the connection: the client cannot know the outcome, which is how
     * duplicates arise when it retries.
     */
    public static Fault dropAfterStore() {
        return new Fault(Kind.DROP_AFTER_STORE, 0, Duration.ZERO);
    }

    /** Processes and stores normally, then waits {@code delay} before answering (the request stays in flight). */
    public static Fault slowResponse(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        return new Fault(Kind.SLOW_RESPONSE, 0, delay);
    }

    public Kind kind() {
        return kind;
    }

    /** The status answered by a {@link Kind#STATUS} fault, 0 for other kinds. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The wait of a {@link Kind#SLOW_RESPONSE} fault, zero for other kinds. */
    public Duration delay() {
        return delay;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fault other && kind == other.kind && httpStatus == other.httpStatus
                && delay.equals(other.delay);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, httpStatus, delay);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "Fault.none()";
            case STATUS -> "Fault.status(" + httpStatus + ")";
            case DROP_CONNECTION -> "Fault.dropConnection()";
            case DROP_AFTER_STORE -> "Fault.dropAfterStore()";
            case SLOW_RESPONSE -> "Fault.slowResponse(" + delay + ")";
        };
    }
}
