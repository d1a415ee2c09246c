package io.github.camelclevertap.component.upload;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the batches of one producer share.
 *
 * @param client               posts a batch
 * @param limiter              the account's in-flight limit
 * @param retryPolicy          back-off between attempts
 * @param classifier           reads an answer or an error
 * @param scheduler            deadlines and back-off timers (one thread: only starts work elsewhere)
 * @param worker               builds request bodies and reads answers
 * @param completions          continues the exchanges of a finished batch, so routing never runs on the HTTP
 *                             client's or the timer's threads, nor one exchange after another for a whole batch
 * @param listener             observes the uploads; its failures are its own
 * @param ledger               the batches not yet ended, for stopping
 * @param requestTimeoutMillis the most one attempt may take, answer body included; also how long the slot of an
 *                             abandoned request rests before it is used again
 */
public record UploadServices(UploadClient client, InFlightLimiter limiter, RetryPolicy retryPolicy,
        AnswerClassifier classifier, ScheduledExecutorService scheduler, Executor worker, Executor completions,
        UploadListener listener, UploadLedger ledger, long requestTimeoutMillis) {

    /** Uploads a batch; never throws: every record of it gets an outcome. */
    public void upload(List<PendingRecord> batch) {
        BatchUpload.start(batch, this);
    }

    /**
     * Rethrows what no upload should outlive (the JVM out of memory, say); anything else, a stack overflow included,
     * is the failure of one record, listener or exchange and is handled where it happened.
     */
    public static void rethrowIfFatal(Throwable e) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
            throw (VirtualMachineError) e;
        }
    }

    /** Runs the task on the executor, or here when the executor is shut down: no task is ever dropped. */
    static void runOn(Executor executor, Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException stopped) {
            task.run();
        }
    }
}
