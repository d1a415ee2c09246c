package io.github.camelclevertap.component.upload;

import java.util.List;

/**
 * Observes uploads, for metrics and health. Called on the HTTP client's threads: keep it cheap.
 */
public interface UploadListener {

    UploadListener NONE = new UploadListener() {
    };

    /**
     * One listener that tells each of the given ones, in order.
     */
    static UploadListener all(List<UploadListener> listeners) {
        return listeners.size() == 1 ? listeners.get(0) : new CompositeUploadListener(List.copyOf(listeners));
    }

    default void requestStarted(int records) {
    }

    default void requestFinished(long nanos) {
    }

    default void recordsAnswered(int stored, int rejected) {
    }

    default void recordsUndelivered(int records, DeliveryFailure failure) {
    }

    default void retried(int records) {
    }

    /**
     * A request was sent but got no answer (a timeout, a dropped connection): CleverTap may have stored its records,
     * so sending them again may duplicate them.
     */
    default void requestUnanswered(int records) {
    }

    /**
     * Records refused before sending (local validation), so they never reach CleverTap. Called on the thread that
     * feeds the exchange's records.
     */
    default void recordsRejectedLocally(int records) {
    }
}
