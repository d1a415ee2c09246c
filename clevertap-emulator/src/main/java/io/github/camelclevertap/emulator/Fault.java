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
        SLOW_RESPONSE,
        /**
         * Answer HTTP 200 with a request-level failure body, {@code {"status":"fail","error":"...","code":N}}, without
         * {@code processed} or {@code unprocessed}; nothing is stored.
         */
        FAIL_200,
        /** Process and store the records, send the headers and the start of the answer, then stall the rest. */
        STALLED_BODY,
        /** Answer normally, but the {@code unprocessed} errors lack their "Skipped record number : N" suffix. */
        UNNUMBERED_ERRORS,
        /** As {@link #UNNUMBERED_ERRORS}, and the {@code unprocessed} entries lack their {@code record} too. */
        UNNUMBERED_UNECHOED,
        /** Answer normally, but the {@code unprocessed} entries come in another order than their records. */
        SHUFFLED_ERRORS,
        /** Answer normally, but with a {@code processed} count that differs from the records stored. */
        WRONG_PROCESSED
    }

    private final Kind kind;
    private final int httpStatus;
    private final Duration delay;
    private final int code;
    private final int delta;

    private Fault(Kind kind, int httpStatus, Duration delay) {
        this(kind, httpStatus, delay, 0, 0);
    }

    private Fault(Kind kind, int httpStatus, Duration delay, int code, int delta) {
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.delay = delay;
        this.code = code;
        this.delta = delta;
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
        return new Fault(Kind.SLOW_RESPONSE, 0, requireNotNegative(delay, "delay"));
    }

    /**
     * Answers HTTP 200 with {@code {"status":"fail","error":"...","code":code}}: no {@code processed}, no
     * {@code unprocessed}, and nothing stored. CleverTap documents request-level failures with a matching HTTP status;
     * this is the plausible odd case of one arriving as 200 (a proxy, a partial outage). A client that trusts the HTTP
     * status, or that expects {@code processed} and {@code unprocessed} in every 200, would count the batch delivered.
     *
     * @param code the {@code code} of the body, for example 503 (the random mode draws 503)
     */
    public static Fault fail200(int code) {
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("A fail200 code must be between 100 and 999, got " + code);
        }
        return new Fault(Kind.FAIL_200, 0, Duration.ZERO, code, 0);
    }

    /**
     * Stores the records, then sends status 200 with a {@code Content-Length} of the whole answer and the answer's start
     * (up to and including its first comma, for example <code>{"status":"success",</code>), and withholds the rest for
     * {@code stall}. Meanwhile one space, valid JSON whitespace counted in the {@code Content-Length}, is written and
     * flushed every 20 ms, so a client that goes away ends the request within about 40 ms and frees its slot; until
     * then the request stays in flight. Only a client that bounds the whole answer gives up before the stall ends (with
     * the records stored): the JDK HttpClient's request timeout stops once the headers are in (JDK 17).
     */
    public static Fault stalledBody(Duration stall) {
        return new Fault(Kind.STALLED_BODY, 0, requireNotNegative(stall, "stall"));
    }

    /**
     * Answers normally, but every {@code unprocessed} entry's {@code error} is CleverTap's words alone, without
     * "Skipped record number : N" (for example {@code "Event discarded"} for a 528). CleverTap's documented answers
     * carry the number; a client should not depend on it. Without it, entries can be matched to records by the
     * echoed {@code record} when {@code echoRecord}, and by nothing reliable otherwise.
     *
     * @param echoRecord whether the entries keep their {@code record}; false gives {@link Kind#UNNUMBERED_UNECHOED}
     */
    public static Fault unnumberedErrors(boolean echoRecord) {
        return new Fault(echoRecord ? Kind.UNNUMBERED_ERRORS : Kind.UNNUMBERED_UNECHOED, 0, Duration.ZERO);
    }

    /**
     * Answers normally, but the {@code unprocessed} entries come in another order than the batch (each keeps its
     * record number). With two entries or more the order always differs: a client that pairs the n-th entry with the
     * n-th rejected record pairs them wrongly. The order is reproducible: drawn from the random mode's seeded
     * generator, or, for a queued fault, from a generator seeded with the request's number.
     */
    public static Fault shuffledErrors() {
        return new Fault(Kind.SHUFFLED_ERRORS, 0, Duration.ZERO);
    }

    /**
     * Answers normally (and stores as usual), but {@code processed} is the real count plus {@code delta}, at least 0;
     * when that comes out equal to the real count, one more. A client that checks {@code processed} against its
     * records sees the mismatch; one that trusts it miscounts.
     *
     * @param delta added to the real count (the random mode draws -1)
     */
    public static Fault wrongProcessed(int delta) {
        return new Fault(Kind.WRONG_PROCESSED, 0, Duration.ZERO, 0, delta);
    }

    public Kind kind() {
        return kind;
    }

    /** The status answered by a {@link Kind#STATUS} fault, 0 for other kinds. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The wait of a {@link Kind#SLOW_RESPONSE} fault or the stall of a {@link Kind#STALLED_BODY}, zero for others. */
    public Duration delay() {
        return delay;
    }

    /** The {@code code} in the body of a {@link Kind#FAIL_200} fault, 0 for other kinds. */
    public int code() {
        return code;
    }

    /** What a {@link Kind#WRONG_PROCESSED} fault adds to {@code processed}, 0 for other kinds. */
    public int delta() {
        return delta;
    }

    /** Whether the {@code unprocessed} errors end with their record number: false for the UNNUMBERED kinds. */
    boolean numbersErrors() {
        return kind != Kind.UNNUMBERED_ERRORS && kind != Kind.UNNUMBERED_UNECHOED;
    }

    /** Whether the {@code unprocessed} entries echo their {@code record}: false only for UNNUMBERED_UNECHOED. */
    boolean echoesRecords() {
        return kind != Kind.UNNUMBERED_UNECHOED;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fault other && kind == other.kind && httpStatus == other.httpStatus
                && delay.equals(other.delay) && code == other.code && delta == other.delta;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, httpStatus, delay, code, delta);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "Fault.none()";
            case STATUS -> "Fault.status(" + httpStatus + ")";
            case DROP_CONNECTION -> "Fault.dropConnection()";
            case DROP_AFTER_STORE -> "Fault.dropAfterStore()";
            case SLOW_RESPONSE -> "Fault.slowResponse(" + delay + ")";
            case FAIL_200 -> "Fault.fail200(" + code + ")";
            case STALLED_BODY -> "Fault.stalledBody(" + delay + ")";
            case UNNUMBERED_ERRORS -> "Fault.unnumberedErrors(true)";
            case UNNUMBERED_UNECHOED -> "Fault.unnumberedErrors(false)";
            case SHUFFLED_ERRORS -> "Fault.shuffledErrors()";
            case WRONG_PROCESSED -> "Fault.wrongProcessed(" + delta + ")";
        };
    }

    private static Duration requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + duration);
        }
        return duration;
    }
}
