package io.github.camelclevertap.component.upload;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.component.RejectedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends batches within the account's in-flight limit, retries transient failures with back-off, and tells every
 * record's owner its outcome exactly once.
 *
 * <p>A batch that is retried keeps its in-flight slot through the back-off. During an outage at most the in-flight
 * limit of batches are retrying, so the request rate follows the back-off schedule instead of how fast new batches
 * arrive; and after a timeout, whose request CleverTap may still be working on, the slot is not reused before the
 * back-off has passed.
 */
public final class UploadDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(UploadDispatcher.class);

    private final UploadClient client;
    private final InFlightLimiter limiter;
    private final RetryPolicy retryPolicy;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService worker;
    private final ObjectMapper mapper;
    private final String authenticationHint;
    private final Set<Batch> outstanding = ConcurrentHashMap.newKeySet();
    private final UploadListener listener;

    /**
     * @param authenticationHint what to tell the user when CleverTap answers 401, such as the region used
     */
    public UploadDispatcher(UploadClient client, InFlightLimiter limiter, RetryPolicy retryPolicy,
                            ScheduledExecutorService scheduler, ExecutorService worker, ObjectMapper mapper,
                            String authenticationHint, UploadListener listener) {
        this.client = client;
        this.limiter = limiter;
        this.retryPolicy = retryPolicy;
        this.scheduler = scheduler;
        this.worker = worker;
        this.mapper = mapper;
        this.authenticationHint = authenticationHint;
        this.listener = listener;
    }

    public void dispatch(List<PendingRecord> records) {
        Batch batch = new Batch(records);
        outstanding.add(batch);
        attempt(batch);
    }

    private void attempt(Batch batch) {
        limiter.execute(() -> {
            batch.holdsSlot.set(true);
            send(batch);
        }, worker);
    }

    /** Sends the batch in the slot it holds. */
    private void send(Batch batch) {
        if (batch.resolved.get()) {
            releaseSlot(batch);
            return;
        }
        int attempt = ++batch.attempts;
        LOG.debug("Uploading {} records to {} (attempt {})", batch.records.size(), client.uploadUri(), attempt);
        long started = System.nanoTime();
        listener.requestStarted(batch.records.size());
        try {
            client.upload(batch.records).whenComplete((response, error) -> {
                listener.requestFinished(System.nanoTime() - started);
                onAnswer(batch, response, error);
            });
        } catch (RuntimeException e) {
            listener.requestFinished(System.nanoTime() - started);
            onAnswer(batch, null, e);
        }
    }

    private void onAnswer(Batch batch, HttpResponse<byte[]> response, Throwable error) {
        try {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                boolean transientError = cause instanceof IOException;
                if (transientError && !(cause instanceof java.net.ConnectException)
                    && !(cause instanceof java.net.http.HttpConnectTimeoutException)) {
                    listener.requestUnanswered(batch.records.size());
                }
                String what = cause instanceof HttpTimeoutException
                        ? "no answer within the request timeout" : "the request failed: " + cause;
                retryOrFail(batch, new DeliveryFailure(0, what, batch.attempts, cause), transientError);
                return;
            }
            int status = response.statusCode();
            if (status == 200) {
                releaseSlot(batch);
                resolve(batch, response.body());
            } else if (status == 401) {
                releaseSlot(batch);
                String text = UploadAnswer.errorText(mapper, response.body());
                fail(batch, new DeliveryFailure(401,
                        "CleverTap answered HTTP 401 (" + text + "): check the account id, the passcode and the region; "
                                                     + authenticationHint,
                        batch.attempts, null));
            } else {
                boolean transientStatus = status == 429 || status >= 500;
                String text = UploadAnswer.errorText(mapper, response.body());
                retryOrFail(batch, new DeliveryFailure(status,
                        "CleverTap answered HTTP " + status + (text.isEmpty() ? "" : " (" + text + ")"),
                        batch.attempts, null), transientStatus);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not handle CleverTap's answer", e);
            releaseSlot(batch);
            fail(batch, new DeliveryFailure(0, "could not handle CleverTap's answer: " + e, batch.attempts, e));
        }
    }

    private void retryOrFail(Batch batch, DeliveryFailure failure, boolean transientFailure) {
        if (transientFailure && retryPolicy.canRetry(batch.attempts) && !batch.resolved.get()) {
            long delay = retryPolicy.delayAfter(batch.attempts);
            LOG.debug("Retrying {} records in {} ms: {}", batch.records.size(), delay, failure.message());
            listener.retried(batch.records.size());
            try {
                scheduler.schedule(() -> resend(batch), delay, TimeUnit.MILLISECONDS);
                return;
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // the producer is stopping: hand the records back instead of retrying
            }
        }
        releaseSlot(batch);
        String message = transientFailure && batch.attempts > 1
                ? failure.message() + " (gave up after " + batch.attempts + " attempts)" : failure.message();
        fail(batch, new DeliveryFailure(failure.httpStatus(), message, batch.attempts, failure.cause()));
    }

    private void resolve(Batch batch, byte[] body) {
        UploadAnswer answer;
        try {
            answer = UploadAnswer.read(mapper, body);
        } catch (IOException e) {
            // CleverTap may have stored the records: retrying could duplicate events, so hand them back
            fail(batch, new DeliveryFailure(200,
                    "CleverTap answered HTTP 200 with a body that could not be read (" + e.getMessage() + ")",
                    batch.attempts, e));
            return;
        }
        if (!batch.resolved.compareAndSet(false, true)) {
            return;
        }
        finished(batch);
        List<PendingRecord> records = batch.records;
        RejectedRecord[] rejected = new RejectedRecord[records.size()];
        List<UploadAnswer.Skipped> unplaced = new ArrayList<>();
        for (UploadAnswer.Skipped skipped : answer.unprocessed()) {
            int position = skipped.position();
            if (position >= 0 && position < records.size() && rejected[position] == null) {
                PendingRecord record = records.get(position);
                rejected[position] = new RejectedRecord(record.index(), skipped.code(), skipped.error(), record.record());
            } else {
                unplaced.add(skipped);
            }
        }
        DeliveryFailure unknown = unplaced.isEmpty() ? null : new DeliveryFailure(200,
                "CleverTap skipped " + unplaced.size() + " record(s) of the request without saying which: "
                                                                                     + unplaced.get(0).error(),
                batch.attempts, null);
        listener.recordsAnswered(records.size() - answer.unprocessed().size(), answer.unprocessed().size());
        for (int i = 0; i < records.size(); i++) {
            PendingRecord record = records.get(i);
            if (rejected[i] != null) {
                record.owner().recordRejected(record, rejected[i]);
            } else if (unknown != null) {
                record.owner().recordUndelivered(record, unknown);
            } else {
                record.owner().recordStored(record);
            }
        }
        notifyOwners(records);
    }

    private void fail(Batch batch, DeliveryFailure failure) {
        if (!batch.resolved.compareAndSet(false, true)) {
            return;
        }
        finished(batch);
        LOG.warn("{} records were not delivered to CleverTap: {}", batch.records.size(), failure.message());
        listener.recordsUndelivered(batch.records.size(), failure);
        for (PendingRecord record : batch.records) {
            record.owner().recordUndelivered(record, failure);
        }
        notifyOwners(batch.records);
    }

    private void finished(Batch batch) {
        outstanding.remove(batch);
        if (outstanding.isEmpty()) {
            synchronized (outstanding) {
                outstanding.notifyAll();
            }
        }
    }

    private static void notifyOwners(List<PendingRecord> records) {
        Map<RecordOwner, Boolean> owners = new IdentityHashMap<>();
        for (PendingRecord record : records) {
            if (owners.put(record.owner(), Boolean.TRUE) == null) {
                record.owner().afterBatch();
            }
        }
    }

    /**
     * Waits until every dispatched batch has its answer; what is still unanswered after the timeout is handed back
     * to its owners as undelivered, so nothing is dropped silently. An interrupt (Camel forcing the shutdown) ends the
     * wait early but still hands the records back.
     *
     * @return true when every batch was answered in time
     */
    public boolean awaitOutstanding(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (outstanding) {
            long left;
            try {
                while (!outstanding.isEmpty() && (left = deadline - System.currentTimeMillis()) > 0) {
                    outstanding.wait(left);
                }
            } catch (InterruptedException forced) {
                Thread.currentThread().interrupt();
            }
        }
        if (outstanding.isEmpty()) {
            return true;
        }
        for (Batch batch : List.copyOf(outstanding)) {
            // its answer or its retry may never come now that the producer stops: give the account's slot back
            releaseSlot(batch);
            fail(batch, new DeliveryFailure(0, "the producer stopped before CleverTap answered", batch.attempts, null));
        }
        return false;
    }

    private void resend(Batch batch) {
        try {
            // building the request body is work for the worker, not for the scheduler's single thread
            worker.execute(() -> send(batch));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            send(batch);
        }
    }

    private void releaseSlot(Batch batch) {
        if (batch.holdsSlot.compareAndSet(true, false)) {
            limiter.release();
        }
    }

    public int outstandingBatches() {
        return outstanding.size();
    }

    private static final class Batch {
        private final List<PendingRecord> records;
        private final AtomicBoolean resolved = new AtomicBoolean();
        private final AtomicBoolean holdsSlot = new AtomicBoolean();
        private volatile int attempts;

        private Batch(List<PendingRecord> records) {
            this.records = records;
        }
    }
}
