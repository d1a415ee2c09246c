package io.github.camelclevertap.component.upload;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.camelclevertap.component.RejectedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch from its first request to its last outcome: waiting for a slot, sending, backing off, done. It owns its
 * records, its attempts, the deadline of the attempt in flight and its slot, which it holds through its retries (so
 * an outage is retried at the back-off's pace, not as fast as new batches come). Only the records without a final
 * answer are sent again. Every path ends in {@link #end}, which releases the slot exactly once, after the request
 * ended, and gives every record exactly one outcome, whatever threw.
 */
final class BatchUpload {

    private static final Logger LOG = LoggerFactory.getLogger(BatchUpload.class);
    /** Owners continued per completion task: a whole batch of single-record exchanges on one thread was too slow. */
    private static final int OWNERS_PER_TASK = 64;

    private enum State {
        NEW, WAITING_FOR_SLOT, SENDING, BACKING_OFF, DONE
    }

    private final List<PendingRecord> records;
    private final UploadServices services;
    private final BatchOutcome.Kind[] outcomes;
    private final RejectedRecord[] rejections;
    private final boolean[] maybeStored;

    // guarded by this
    private State state = State.NEW;
    private int attempts;
    private UploadPermits.Request permitRequest;
    private UploadPermits.Permit permit;
    private CompletableFuture<HttpResponse<byte[]>> request;
    private Future<?> timer;
    private DeliveryFailure lastFailure;
    private boolean lastAttemptAbandoned;
    private boolean aborted;

    BatchUpload(List<PendingRecord> records, UploadServices services) {
        this.records = records;
        this.services = services;
        this.outcomes = new BatchOutcome.Kind[records.size()];
        this.rejections = new RejectedRecord[records.size()];
        this.maybeStored = new boolean[records.size()];
    }

    /** Starts the batch; never throws. */
    static void start(List<PendingRecord> records, UploadServices services) {
        new BatchUpload(records, services).start();
    }

    private void start() {
        try {
            synchronized (this) {
                state = State.WAITING_FOR_SLOT;
            }
            if (!services.ledger().admit(this)) {
                stopWaiting();
                return;
            }
            askForSlot();
        } catch (Throwable e) {
            UploadServices.rethrowIfFatal(e);
            LOG.warn("Could not start the upload of {} records", records.size(), e);
            Ending ending;
            synchronized (this) {
                ending = endWithoutSending("the upload could not start: " + e);
            }
            finish(ending);
        }
    }

    /** Asks for a slot; called in state WAITING_FOR_SLOT. */
    private void askForSlot() {
        UploadPermits.Request waiting = services.permits().acquire(new UploadPermits.Callback() {
            @Override
            public void granted(UploadPermits.Permit permit) {
                onPermit(permit);
            }

            @Override
            public void failed(Throwable cause) {
                onNoPermit(cause);
            }
        });
        boolean endedMeanwhile;
        synchronized (this) {
            endedMeanwhile = state == State.DONE;
            if (state == State.WAITING_FOR_SLOT) {
                permitRequest = waiting;
            }
        }
        if (endedMeanwhile) {
            // stopped before the permit came: leave the queue (a permit granted meanwhile is released in onPermit)
            waiting.cancel();
        }
    }

    private void onPermit(UploadPermits.Permit granted) {
        synchronized (this) {
            if (state != State.WAITING_FOR_SLOT) {
                // ended while waiting (the producer stopped)
                granted.release();
                return;
            }
            permit = granted;
            permitRequest = null;
            state = State.SENDING;
        }
        UploadServices.runOn(services.worker(), this::send);
    }

    /** No slot could be had (the shared store of permits is unreachable): nothing was sent, the records go back. */
    private void onNoPermit(Throwable cause) {
        Ending ending;
        synchronized (this) {
            if (state != State.WAITING_FOR_SLOT) {
                return;
            }
            permitRequest = null;
            ending = endWithoutSending("no upload slot could be had: " + cause);
        }
        LOG.debug("No upload slot for {} records", records.size(), cause);
        finish(ending);
    }

    /** Sends the records that have no final outcome yet, in the slot the batch holds. */
    private void send() {
        try {
            sendNow();
        } catch (Throwable e) {
            UploadServices.rethrowIfFatal(e);
            LOG.warn("Could not send an upload", e);
            endUnanswered("could not send the request: " + e);
        }
    }

    private void sendNow() {
        List<PendingRecord> sent;
        int attempt;
        CompletableFuture<HttpResponse<byte[]>> future;
        synchronized (this) {
            if (state != State.SENDING) {
                return;
            }
            attempt = ++attempts;
            sent = pending();
        }
        LOG.debug("Uploading {} records to {} (attempt {})", sent.size(), services.client().uploadUri(), attempt);
        long started = System.nanoTime();
        try {
            future = services.client().upload(sent);
        } catch (Throwable e) {
            // the body could not be built, or the request not made: nothing was sent
            UploadServices.rethrowIfFatal(e);
            record(sent, BatchOutcome.all(sent.size(), BatchOutcome.Kind.UNDELIVERED,
                    new DeliveryFailure(0, "the request could not be made: " + e, attempt, e), false, false));
            end();
            return;
        }
        synchronized (this) {
            request = future;
            timer = schedule(() -> future.cancel(true), services.requestTimeoutMillis());
            if (timer == null) {
                // the producer's timer is gone (stopping): the deadline still holds, on the JDK's timer
                CompletableFuture.delayedExecutor(services.requestTimeoutMillis(), TimeUnit.MILLISECONDS, Runnable::run)
                        .execute(() -> future.cancel(true));
            }
        }
        // the answer's handler is in place before anything else may throw
        future.whenCompleteAsync((response, error) -> onAnswer(sent, attempt, started, response, error),
                task -> UploadServices.runOn(services.worker(), task));
        services.listener().requestStarted(sent.size());
    }

    private void onAnswer(List<PendingRecord> sent, int attempt, long started, HttpResponse<byte[]> response,
                          Throwable error) {
        try {
            handleAnswer(sent, attempt, started, response, error);
        } catch (Throwable e) {
            // a bug, but the batch must still end: its records' outcome is unknown
            UploadServices.rethrowIfFatal(e);
            LOG.warn("Could not handle the end of an upload", e);
            endUnanswered("could not handle the end of the request: " + e);
        }
    }

    private void handleAnswer(List<PendingRecord> sent, int attempt, long started, HttpResponse<byte[]> response,
                              Throwable error) {
        boolean wasAborted;
        synchronized (this) {
            cancelTimer();
            request = null;
            wasAborted = aborted;
        }
        services.listener().requestFinished(System.nanoTime() - started);
        BatchOutcome outcome;
        try {
            outcome = wasAborted && response == null
                    ? BatchOutcome.all(sent.size(), BatchOutcome.Kind.UNKNOWN, new DeliveryFailure(0,
                            "the producer stopped before CleverTap answered, and the request was aborted", attempt,
                            error), false, true)
                    : services.classifier().classify(sent, attempt, response, error);
        } catch (Throwable e) {
            UploadServices.rethrowIfFatal(e);
            LOG.warn("Could not read CleverTap's answer", e);
            outcome = BatchOutcome.all(sent.size(), BatchOutcome.Kind.UNKNOWN,
                    new DeliveryFailure(response == null ? 0 : response.statusCode(),
                            "could not read CleverTap's answer: " + e, attempt, e),
                    false, false);
        }
        int open = record(sent, outcome);
        if (open > 0 && outcome.retryable() && services.retryPolicy().canRetry(attempt)
            && !services.ledger().isStopping()) {
            long delay = services.retryPolicy().delayAfter(attempt);
            if (outcome.abandoned()) {
                // CleverTap may still work on the abandoned request: the slot rests before it carries another
                delay = Math.max(delay, services.requestTimeoutMillis());
            }
            LOG.debug("Retrying {} records in {} ms: {}", open, delay, outcome.failure().message());
            services.listener().retried(open);
            synchronized (this) {
                if (state == State.SENDING) {
                    state = State.BACKING_OFF;
                    timer = schedule(this::retry, delay);
                    if (timer != null) {
                        return;
                    }
                }
            }
        }
        end();
    }

    private void retry() {
        Ending ending = null;
        UploadPermits.Permit lost = null;
        synchronized (this) {
            if (state != State.BACKING_OFF) {
                return;
            }
            timer = null;
            if (services.ledger().isStopping()) {
                // the stop came while this batch decided to retry
                ending = endWithoutSending("the producer stopped before the records were sent again");
            } else if (!permit.isValid()) {
                // the slot may be someone else's now (its lease lapsed while it could not be renewed): back to the
                // queue for another
                lost = permit;
                permit = null;
                state = State.WAITING_FOR_SLOT;
            } else {
                state = State.SENDING;
            }
        }
        if (ending != null) {
            finish(ending);
        } else if (lost != null) {
            LOG.debug("The upload slot of {} records was lost before a retry; asking for another", records.size());
            lost.release();
            try {
                askForSlot();
            } catch (RuntimeException e) {
                onNoPermit(e);
            }
        } else {
            UploadServices.runOn(services.worker(), this::send);
        }
    }

    /**
     * Takes the outcome of an attempt: final ones (stored, rejected) stay; the others may be retried.
     *
     * @return how many records still have no final outcome
     */
    private int record(List<PendingRecord> sent, BatchOutcome outcome) {
        int stored = 0;
        int rejected = 0;
        int unknown = 0;
        int open = 0;
        synchronized (this) {
            if (state == State.DONE) {
                return 0;
            }
            int s = 0;
            for (int i = 0; i < outcomes.length; i++) {
                if (isFinal(outcomes[i])) {
                    continue;
                }
                BatchOutcome.Kind kind = outcome.kind(s);
                outcomes[i] = kind;
                switch (kind) {
                    case STORED -> stored++;
                    case REJECTED -> {
                        UploadAnswer.Skipped entry = outcome.rejection(s);
                        rejections[i] = new RejectedRecord(records.get(i).index(), entry.code(), entry.error(),
                                records.get(i).record());
                        rejected++;
                    }
                    case UNKNOWN -> {
                        maybeStored[i] = true;
                        unknown++;
                        open++;
                    }
                    case UNDELIVERED -> open++;
                }
                s++;
            }
            if (outcome.failure() != null) {
                lastFailure = outcome.failure();
            }
            lastAttemptAbandoned = outcome.abandoned();
        }
        if (stored + rejected > 0) {
            services.listener().recordsAnswered(stored, rejected);
        }
        if (unknown > 0) {
            services.listener().requestUnanswered(unknown);
        }
        return open;
    }

    private static boolean isFinal(BatchOutcome.Kind kind) {
        return kind == BatchOutcome.Kind.STORED || kind == BatchOutcome.Kind.REJECTED;
    }

    /** The records to send in the next attempt, in batch order. Guarded by this. */
    private List<PendingRecord> pending() {
        if (attempts == 1) {
            return records;
        }
        List<PendingRecord> pending = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            if (!isFinal(outcomes[i])) {
                pending.add(records.get(i));
            }
        }
        return pending;
    }

    /** The producer is stopping: a batch waiting for a slot or a retry ends now with what it has. */
    void stopWaiting() {
        UploadPermits.Request waiting = null;
        Ending ending = null;
        synchronized (this) {
            if (state == State.WAITING_FOR_SLOT || state == State.BACKING_OFF) {
                waiting = permitRequest;
                permitRequest = null;
                ending = endWithoutSending("the producer stopped before the records were sent");
            }
        }
        if (waiting != null) {
            waiting.cancel();
        }
        finish(ending);
    }

    /** The producer's shutdown timeout is up: the request in flight is given up, and ends as unanswered. */
    void abort() {
        CompletableFuture<HttpResponse<byte[]>> inFlight;
        synchronized (this) {
            inFlight = request;
            aborted = inFlight != null;
        }
        if (inFlight != null) {
            inFlight.cancel(true);
        }
    }

    /** Last resort of a stop: the records without a final outcome end as unknown. */
    void endUnanswered(String why) {
        Ending ending;
        synchronized (this) {
            for (int i = 0; i < outcomes.length; i++) {
                if (!isFinal(outcomes[i])) {
                    outcomes[i] = BatchOutcome.Kind.UNKNOWN;
                    maybeStored[i] = true;
                }
            }
            lastFailure = new DeliveryFailure(0, why, attempts, null);
            lastAttemptAbandoned = true;
            ending = ending();
        }
        finish(ending);
    }

    /**
     * Ends without another attempt: records never sent are undelivered, those that may be stored stay unknown.
     * Guarded by this.
     */
    private Ending endWithoutSending(String why) {
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == null) {
                outcomes[i] = BatchOutcome.Kind.UNDELIVERED;
            }
        }
        lastFailure = lastFailure == null ? new DeliveryFailure(0, why, attempts, null)
                : new DeliveryFailure(lastFailure.httpStatus(), lastFailure.message() + "; then " + why, attempts,
                        lastFailure.cause());
        return ending();
    }

    private void end() {
        Ending ending;
        synchronized (this) {
            ending = ending();
        }
        finish(ending);
    }

    /** What the one way out needs, taken once: null when the batch already ended. Guarded by this. */
    private Ending ending() {
        if (state == State.DONE) {
            return null;
        }
        state = State.DONE;
        cancelTimer();
        Ending ending = new Ending(permit, lastAttemptAbandoned, lastFailure, attempts);
        permit = null;
        return ending;
    }

    private record Ending(UploadPermits.Permit slot, boolean abandoned, DeliveryFailure failure, int attempts) {
    }

    /** The one way out: slot, ledger, listener, owners, each exactly once. */
    private void finish(Ending ending) {
        if (ending == null) {
            return;
        }
        try {
            if (ending.slot() != null) {
                if (ending.abandoned()) {
                    ending.slot().releaseAfter(services.requestTimeoutMillis());
                } else {
                    ending.slot().release();
                }
            }
        } finally {
            services.ledger().ended(this);
            tellOwners(ending);
        }
    }

    private void tellOwners(Ending ending) {
        int open = 0;
        for (BatchOutcome.Kind kind : outcomes) {
            if (!isFinal(kind)) {
                open++;
            }
        }
        DeliveryFailure failure = ending.failure();
        if (open > 0 && ending.attempts() > 1) {
            failure = new DeliveryFailure(failure.httpStatus(),
                    failure.message() + " (gave up after " + ending.attempts() + " attempts)", ending.attempts(),
                    failure.cause());
        }
        Map<RecordOwner, Boolean> owners = new IdentityHashMap<>();
        for (int i = 0; i < outcomes.length; i++) {
            PendingRecord record = records.get(i);
            owners.put(record.owner(), Boolean.TRUE);
            try {
                switch (outcomes[i]) {
                    case STORED -> record.owner().recordStored(record);
                    case REJECTED -> record.owner().recordRejected(record, rejections[i]);
                    default -> {
                        if (maybeStored[i]) {
                            record.owner().recordUnknown(record, failure);
                        } else {
                            record.owner().recordUndelivered(record, failure);
                        }
                    }
                }
            } catch (Throwable e) {
                UploadServices.rethrowIfFatal(e);
                LOG.warn("The owner of record {} failed to take its outcome", record.index(), e);
            }
        }
        if (open > 0) {
            LOG.warn("{} of {} records were not delivered to CleverTap: {}", open, records.size(), failure.message());
            // before the owners continue, so whoever sees the exchange end also sees the metric
            services.listener().recordsUndelivered(open, failure);
        }
        continueOwners(new ArrayList<>(owners.keySet()));
    }

    private void continueOwners(List<RecordOwner> owners) {
        for (int from = 0; from < owners.size(); from += OWNERS_PER_TASK) {
            List<RecordOwner> chunk = owners.subList(from, Math.min(owners.size(), from + OWNERS_PER_TASK));
            UploadServices.runOn(services.completions(), () -> {
                for (RecordOwner owner : chunk) {
                    try {
                        owner.afterBatch();
                    } catch (Throwable e) {
                        UploadServices.rethrowIfFatal(e);
                        LOG.warn("An exchange failed to continue after its batch", e);
                    }
                }
            });
        }
    }

    /** Guarded by this. */
    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** Schedules on the producer's timer; null when it is shut down. Guarded by this or not shared yet. */
    private Future<?> schedule(Runnable task, long delayMillis) {
        try {
            return services.scheduler().schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            return null;
        }
    }
}
