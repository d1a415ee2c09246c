package io.github.camelclevertap.component.upload;

import java.util.List;

/**
 * Observes uploads, for metrics and health. Called on the upload's worker threads: keep it cheap. An exception it
 * throws is logged and does not change the upload.
 */
public interface UploadListener {

    UploadListener NONE = new UploadListener() {
    };

    /**
     * One listener that tells each of the given ones, in order; one that throws is logged and skipped.
     */
    static UploadListener all(List<UploadListener> listeners) {
        return new CompositeUploadListener(List.copyOf(listeners));
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
     * Records of a request whose outcome is unknown (a timeout, a dropped connection, an answer that does not add
     * up): CleverTap may have stored them, so sending them again may duplicate them.
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
