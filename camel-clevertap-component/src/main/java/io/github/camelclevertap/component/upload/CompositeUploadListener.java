package io.github.camelclevertap.component.upload;

import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells several listeners, such as the producer's health check and a metrics listener. A listener that throws is
 * logged and skipped: observing an upload must never stop it.
 */
record CompositeUploadListener(List<UploadListener> listeners) implements UploadListener {

    private static final Logger LOG = LoggerFactory.getLogger(CompositeUploadListener.class);

    private void tell(String event, Consumer<UploadListener> call) {
        for (UploadListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (Throwable e) {
                // a missing optional metrics class (NoClassDefFoundError) must not stop an upload either
                UploadServices.rethrowIfFatal(e);
                LOG.warn("Upload listener {} failed on {}; the upload goes on", listener.getClass().getName(), event, e);
            }
        }
    }

    @Override
    public void requestStarted(int records) {
        tell("requestStarted", listener -> listener.requestStarted(records));
    }

    @Override
    public void requestFinished(long nanos) {
        tell("requestFinished", listener -> listener.requestFinished(nanos));
    }

    @Override
    public void recordsAnswered(int stored, int rejected) {
        tell("recordsAnswered", listener -> listener.recordsAnswered(stored, rejected));
    }

    @Override
    public void recordsUndelivered(int records, DeliveryFailure failure) {
        tell("recordsUndelivered", listener -> listener.recordsUndelivered(records, failure));
    }

    @Override
    public void retried(int records) {
        tell("retried", listener -> listener.retried(records));
    }

    @Override
    public void requestUnanswered(int records) {
        tell("requestUnanswered", listener -> listener.requestUnanswered(records));
    }

    @Override
    public void recordsRejectedLocally(int records) {
        tell("recordsRejectedLocally", listener -> listener.recordsRejectedLocally(records));
    }
}
