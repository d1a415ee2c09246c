package io.github.camelclevertap.component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

import io.github.camelclevertap.component.record.InvalidRecordException;
import io.github.camelclevertap.component.record.RecordFactory;
import io.github.camelclevertap.component.record.RecordInput;
import io.github.camelclevertap.component.record.RecordPreparation;
import io.github.camelclevertap.component.upload.DeliveryFailure;
import io.github.camelclevertap.component.upload.PendingRecord;
import io.github.camelclevertap.component.upload.RecordBatcher;
import io.github.camelclevertap.component.upload.RecordOwner;
import io.github.camelclevertap.component.upload.UploadListener;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The upload of one exchange's records. It feeds records to the batcher while fewer than a window of them await an
 * answer, so a large body streams with bounded memory, and completes the exchange once CleverTap has answered for
 * every record.
 */
final class ExchangeUpload implements RecordOwner {

    private final Exchange exchange;
    private final AsyncCallback callback;
    private final RecordInput input;
    private final RecordFactory recordFactory;
    private final RecordPreparation preparation;
    private final RecordBatcher batcher;
    private final Executor executor;
    private final long window;
    private final UploadListener listener;

    // One upload per exchange, thousands waiting at once in the webhook shape: counters are fields updated in place
    // and the outcome lists are made on the first entry, rather than seven small objects per exchange.
    private static final AtomicIntegerFieldUpdater<ExchangeUpload> FEEDING
            = AtomicIntegerFieldUpdater.newUpdater(ExchangeUpload.class, "feeding");
    private static final AtomicIntegerFieldUpdater<ExchangeUpload> COMPLETED
            = AtomicIntegerFieldUpdater.newUpdater(ExchangeUpload.class, "completed");
    private static final AtomicLongFieldUpdater<ExchangeUpload> FED
            = AtomicLongFieldUpdater.newUpdater(ExchangeUpload.class, "fed");
    private static final AtomicLongFieldUpdater<ExchangeUpload> ANSWERED
            = AtomicLongFieldUpdater.newUpdater(ExchangeUpload.class, "answered");
    private static final AtomicLongFieldUpdater<ExchangeUpload> STORED
            = AtomicLongFieldUpdater.newUpdater(ExchangeUpload.class, "stored");

    private volatile int feeding;
    private volatile int completed;
    private volatile long fed;
    private volatile long answered;
    private volatile long stored;
    private List<RejectedRecord> rejected; // guarded by this
    private List<UndeliveredRecord> undelivered; // guarded by this
    private volatile boolean exhausted;
    private volatile Thread callerThread;
    private volatile boolean completedSynchronously;
    private volatile DeliveryFailure lastFailure;
    private volatile Exception inputFailure;

    ExchangeUpload(Exchange exchange, AsyncCallback callback, RecordInput input, RecordFactory recordFactory,
                   RecordPreparation preparation, RecordBatcher batcher, Executor executor, long window,
                   UploadListener listener) {
        this.exchange = exchange;
        this.callback = callback;
        this.input = input;
        this.recordFactory = recordFactory;
        this.preparation = preparation;
        this.batcher = batcher;
        this.executor = executor;
        this.window = window;
        this.listener = listener;
    }

    /**
     * Starts the upload on the caller's thread.
     *
     * @return true when the exchange already completed on this thread (every record was refused locally)
     */
    boolean start() {
        callerThread = Thread.currentThread();
        try {
            feed();
        } finally {
            callerThread = null;
        }
        return completedSynchronously;
    }

    /**
     * Hands records to the batcher until the window is full or the input ends. Only one thread feeds at a time; a
     * caller that finds another one feeding leaves the work to it, and the feeder looks again before it leaves.
     */
    void feed() {
        while (!exhausted && hasRoom() && FEEDING.compareAndSet(this, 0, 1)) {
            try {
                Message message = exchange.getMessage();
                while (!exhausted && hasRoom()) {
                    if (!input.records().hasNext()) {
                        exhausted = true;
                        break;
                    }
                    Object raw = input.records().next();
                    add(raw, FED.getAndIncrement(this), message);
                }
            } catch (RuntimeException e) {
                inputFailure = e;
                exhausted = true;
            } finally {
                feeding = 0;
            }
        }
        completeIfDone();
    }

    private boolean hasRoom() {
        return fed - answered < window;
    }

    private void add(Object raw, long index, Message message) {
        Map<String, Object> record;
        try {
            // coerced into plain JSON values (a value Jackson cannot write fails here, this record alone) and,
            // unless validate=false, checked against CleverTap's rules: a failing record is never sent
            record = preparation.prepare(recordFactory.toRecord(raw, message));
        } catch (InvalidRecordException e) {
            rejectLocally(new RejectedRecord(index, e.getCode(), e.getMessage(), e.getRecord()));
            return;
        }
        batcher.add(new PendingRecord(record, index, this));
    }

    private void rejectLocally(RejectedRecord rejection) {
        listener.recordsRejectedLocally(1);
        recordRejected(null, rejection);
    }

    @Override
    public void recordStored(PendingRecord record) {
        STORED.incrementAndGet(this);
        ANSWERED.incrementAndGet(this);
    }

    @Override
    public void recordRejected(PendingRecord record, RejectedRecord rejection) {
        synchronized (this) {
            if (rejected == null) {
                rejected = new ArrayList<>();
            }
            rejected.add(rejection);
        }
        ANSWERED.incrementAndGet(this);
    }

    @Override
    public void recordUndelivered(PendingRecord record, DeliveryFailure failure) {
        synchronized (this) {
            if (undelivered == null) {
                undelivered = new ArrayList<>();
            }
            undelivered.add(new UndeliveredRecord(record.index(), record.record()));
        }
        lastFailure = failure;
        ANSWERED.incrementAndGet(this);
    }

    @Override
    public void afterBatch() {
        if (exhausted) {
            completeIfDone();
        } else {
            try {
                // the input may block (a file, a cursor): read it off the HTTP client's threads
                executor.execute(this::feed);
            } catch (RejectedExecutionException stopping) {
                feed();
            }
        }
    }

    private void completeIfDone() {
        if (!exhausted || answered < fed || !COMPLETED.compareAndSet(this, 0, 1)) {
            return;
        }
        input.close();
        Message message = exchange.getMessage();
        long total = fed;
        long storedCount = stored;
        List<RejectedRecord> rejectedRecords;
        List<UndeliveredRecord> undeliveredRecords;
        synchronized (this) {
            rejectedRecords = sorted(rejected, Comparator.comparingLong(RejectedRecord::index));
            undeliveredRecords = sorted(undelivered, Comparator.comparingLong(UndeliveredRecord::index));
        }
        message.setHeader(CleverTapConstants.STATUS,
                storedCount == total ? "success" : storedCount == 0 ? "fail" : "partial");
        message.setHeader(CleverTapConstants.PROCESSED, (int) storedCount);
        message.setHeader(CleverTapConstants.UNPROCESSED, (int) (total - storedCount));
        message.setHeader(CleverTapConstants.REJECTED_RECORDS, rejectedRecords);
        if (inputFailure != null) {
            exchange.setException(new CleverTapException(
                    "Could not read record " + total + " of the message body (the records before it were handled): "
                                                         + inputFailure.getMessage(),
                    inputFailure));
        } else if (!undeliveredRecords.isEmpty()) {
            DeliveryFailure failure = lastFailure;
            exchange.setException(new CleverTapDeliveryException(
                    undeliveredRecords.size() + " of " + total + " records were not delivered to CleverTap: "
                                                                 + failure.message(),
                    failure.httpStatus(), undeliveredRecords, failure.cause()));
        } else if (input.single() && !rejectedRecords.isEmpty()) {
            exchange.setException(new CleverTapRecordRejectedException(rejectedRecords.get(0)));
        }
        completedSynchronously = Thread.currentThread() == callerThread;
        callback.done(completedSynchronously);
    }

    private static <T> List<T> sorted(List<T> list, Comparator<T> order) {
        if (list == null) {
            // the usual case: no copy per completed exchange
            return List.of();
        }
        List<T> copy = new ArrayList<>(list);
        copy.sort(order);
        return copy;
    }
}
