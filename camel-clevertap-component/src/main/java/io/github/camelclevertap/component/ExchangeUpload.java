package io.github.camelclevertap.component;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.camelclevertap.component.upload.DeliveryFailure;
import io.github.camelclevertap.component.upload.PendingRecord;
import io.github.camelclevertap.component.upload.RecordOwner;
import io.github.camelclevertap.component.upload.UploadServices;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upload of one exchange's records: its {@link RecordFeed} reads them within the window, its
 * {@link OutcomeTally} gathers their outcomes, and its {@link ExchangeCompletion} completes the exchange once every
 * record read has an outcome.
 */
final class ExchangeUpload implements RecordOwner {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeUpload.class);

    private static final AtomicIntegerFieldUpdater<ExchangeUpload> FEEDING
            = AtomicIntegerFieldUpdater.newUpdater(ExchangeUpload.class, "feeding");
    private static final AtomicIntegerFieldUpdater<ExchangeUpload> COMPLETED
            = AtomicIntegerFieldUpdater.newUpdater(ExchangeUpload.class, "completed");

    private final ExchangeCompletion completion;
    private final OutcomeTally tally = new OutcomeTally();
    private final RecordFeed feed;
    private final Executor feeder;
    private final Consumer<ExchangeUpload> onComplete;

    private volatile int feeding;
    private volatile int completed;
    private volatile Thread callerThread;
    private volatile boolean completedSynchronously;

    ExchangeUpload(Exchange exchange, AsyncCallback callback, Executor feeder,
                   Function<ExchangeUpload, RecordFeed> feedFor, Consumer<ExchangeUpload> onComplete) {
        this.completion = new ExchangeCompletion(exchange, callback);
        this.feeder = feeder;
        this.onComplete = onComplete;
        this.feed = feedFor.apply(this);
    }

    OutcomeTally tally() {
        return tally;
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
     * Feeds on this thread unless another one is feeding; the feeder looks again before it leaves, so no window
     * space goes unused.
     */
    private void feed() {
        while (!feed.ended() && feed.hasRoom() && FEEDING.compareAndSet(this, 0, 1)) {
            try {
                feed.feed();
            } catch (Throwable e) {
                // RecordFeed catches the input's failures; this is a bug, but the exchange must still end
                UploadServices.rethrowIfFatal(e);
                feed.failed(e instanceof RuntimeException r ? r : new IllegalStateException(e.toString(), e));
            } finally {
                feeding = 0;
            }
        }
        completeIfDone();
    }

    @Override
    public void recordStored(PendingRecord record) {
        tally.stored();
    }

    @Override
    public void recordRejected(PendingRecord record, RejectedRecord rejection) {
        tally.rejected(rejection);
    }

    @Override
    public void recordUndelivered(PendingRecord record, DeliveryFailure failure) {
        tally.undelivered(new UndeliveredRecord(record.index(), record.record()), failure);
    }

    @Override
    public void recordUnknown(PendingRecord record, DeliveryFailure failure) {
        tally.unknown(new UndeliveredRecord(record.index(), record.record()), failure);
    }

    @Override
    public void afterBatch() {
        if (feed.ended()) {
            completeIfDone();
            return;
        }
        try {
            // the input may block (a file, a cursor): read it off the completion threads
            feeder.execute(this::feed);
        } catch (RejectedExecutionException stopping) {
            // the producer is stopping: the feed reads no more and the exchange completes with what it has
            feed();
        }
    }

    /**
     * The producer has stopped and every batch has ended: a feed still reading (blocked in its input, say) ends now,
     * and the exchange completes with what it has.
     */
    void stop() {
        feed.stop();
        completeIfDone();
    }

    private void completeIfDone() {
        if (!feed.ended() || tally.answered() < feed.fed() || !COMPLETED.compareAndSet(this, 0, 1)) {
            return;
        }
        completedSynchronously = Thread.currentThread() == callerThread;
        try {
            onComplete.accept(this);
        } catch (RuntimeException e) {
            // letting go of the producer's or account's resources failed: their problem, not the exchange's
            LOG.warn("Releasing the resources of a completed upload failed: {}", e.toString());
        } finally {
            // unconditional: the exchange completes exactly once, whatever the clean-up threw
            completion.complete(feed, tally, completedSynchronously);
        }
    }
}
