package io.github.camelclevertap.component.upload;

import java.util.List;

/**
 * Tells several listeners, such as the producer's health check and a metrics listener.
 */
record CompositeUploadListener(List<UploadListener> listeners) implements UploadListener {

    @Override
    public void requestStarted(int records) {
        listeners.forEach(listener -> listener.requestStarted(records));
    }

    @Override
    public void requestFinished(long nanos) {
        listeners.forEach(listener -> listener.requestFinished(nanos));
    }

    @Override
    public void recordsAnswered(int stored, int rejected) {
        listeners.forEach(listener -> listener.recordsAnswered(stored, rejected));
    }

    @Override
    public void recordsUndelivered(int records, DeliveryFailure failure) {
        listeners.forEach(listener -> listener.recordsUndelivered(records, failure));
    }

    @Override
    public void retried(int records) {
        listeners.forEach(listener -> listener.retried(records));
    }

    @Override
    public void requestUnanswered(int records) {
        listeners.forEach(listener -> listener.requestUnanswered(records));
    }

    @Override
    public void recordsRejectedLocally(int records) {
        listeners.forEach(listener -> listener.recordsRejectedLocally(records));
    }
}
