package io.github.camelclevertap.component;

import java.util.Map;
import java.util.function.BooleanSupplier;

import io.github.camelclevertap.component.record.InvalidRecordException;
import io.github.camelclevertap.component.record.RecordFactory;
import io.github.camelclevertap.component.record.RecordInput;
import io.github.camelclevertap.component.record.RecordPreparation;
import io.github.camelclevertap.component.upload.PendingRecord;
import io.github.camelclevertap.component.upload.RecordBatcher;
import io.github.camelclevertap.component.upload.RecordOwner;
import io.github.camelclevertap.component.upload.UploadServices;
import io.github.camelclevertap.records.Rejection;
import org.apache.camel.Message;

/**
 * Reads one exchange's records and hands them to the batcher while fewer than a window of them await an answer, so
 * a large body streams with bounded memory. A record that cannot be built is rejected on its own, with why; an input
 * that fails, or a producer that stops, ends the reading, and what was never read is said by
 * {@link #firstUnread()}.
 */
final class RecordFeed {

    private final RecordInput input;
    private final RecordFactory recordFactory;
    private final RecordPreparation preparation;
    private final RecordBatcher batcher;
    private final long window;
    private final Message message;
    private final RecordOwner owner;
    private final OutcomeTally tally;
    private final Runnable rejectedLocally;
    private final BooleanSupplier stopping;

    private volatile long fed;
    private volatile boolean ended;
    private volatile long firstUnread = -1;
    private volatile RuntimeException inputFailure;
    private volatile boolean stoppedEarly;

    RecordFeed(RecordInput input, RecordFactory recordFactory, RecordPreparation preparation, RecordBatcher batcher,
               long window, Message message, RecordOwner owner, OutcomeTally tally, Runnable rejectedLocally,
               BooleanSupplier stopping) {
        this.input = input;
        this.recordFactory = recordFactory;
        this.preparation = preparation;
        this.batcher = batcher;
        this.window = window;
        this.message = message;
        this.owner = owner;
        this.tally = tally;
        this.rejectedLocally = rejectedLocally;
        this.stopping = stopping;
    }

    /**
     * Hands on records until the window is full or the input ends. Callers make sure one thread feeds at a time.
     */
    void feed() {
        while (!ended && hasRoom()) {
            if (stopping.getAsBoolean()) {
                stoppedEarly = true;
                end(fed);
                return;
            }
            Object raw;
            try {
                if (!input.records().hasNext()) {
                    synchronized (this) {
                        if (!ended) {
                            end(-1);
                        }
                    }
                    return;
                }
                raw = input.records().next();
            } catch (RuntimeException e) {
                failed(e);
                return;
            }
            synchronized (this) {
                if (ended) {
                    // the producer stopped while this record was being read: it counts as never read
                    return;
                }
                long index = fed;
                fed = index + 1;
                add(raw, index);
            }
        }
    }

    /**
     * The producer stops: reading ends now, from outside the reading thread, which may be blocked in the input. A
     * record it still returns is dropped as unread.
     */
    void stop() {
        synchronized (this) {
            if (ended) {
                return;
            }
            stoppedEarly = true;
            firstUnread = fed;
            ended = true;
        }
        // may unblock a reader waiting on a stream
        input.close();
    }

    private void add(Object raw, long index) {
        Map<String, Object> record;
        try {
            // coerced into plain JSON values and, unless validate=false, checked against CleverTap's rules: a
            // failing record is never sent
            record = preparation.prepare(recordFactory.toRecord(raw, message));
        } catch (InvalidRecordException e) {
            reject(new RejectedRecord(index, e.getCode(), e.getMessage(), e.getRecord()));
            return;
        } catch (StackOverflowError e) {
            reject(new RejectedRecord(index, 512, Rejection.describe(
                    "Record nests too deeply, or contains itself", "record"), null));
            return;
        } catch (Throwable e) {
            // a body element no rule foresaw: this record alone fails, with what went wrong
            UploadServices.rethrowIfFatal(e);
            reject(new RejectedRecord(index, 512, Rejection.describe("Record could not be read ("
                                                                     + e.getClass().getSimpleName() + ": "
                                                                     + e.getMessage() + ")", "record"),
                    null));
            return;
        }
        batcher.add(new PendingRecord(record, index, owner));
    }

    private void reject(RejectedRecord rejection) {
        rejectedLocally.run();
        tally.rejected(rejection);
    }

    private void end(long unread) {
        firstUnread = unread;
        ended = true;
        input.close();
    }

    boolean hasRoom() {
        return fed - tally.answered() < window;
    }

    /** Ends the reading after a failure of the input or of the feed itself. */
    synchronized void failed(RuntimeException e) {
        if (!ended) {
            inputFailure = e;
            end(fed);
        }
    }

    /** How many records were read. */
    long fed() {
        return fed;
    }

    /** Whether reading has ended: the input is exhausted, failed, or the producer stopped. */
    boolean ended() {
        return ended;
    }

    /** The index of the first record never read, or -1 when the whole input was read. */
    long firstUnread() {
        return firstUnread;
    }

    /** The input's own failure, if reading ended with one. */
    RuntimeException inputFailure() {
        return inputFailure;
    }

    /** Whether the producer stopped before the input was read to its end. */
    boolean stoppedEarly() {
        return stoppedEarly;
    }
}
