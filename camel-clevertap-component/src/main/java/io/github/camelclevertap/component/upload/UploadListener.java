package io.github.camelclevertap.component.upload;

/**
 * Observes uploads, for metrics and health. Called on the HTTP client's threads: keep it cheap.
 */
public interface UploadListener {

    UploadListener NONE = new UploadListener() {
    };

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
}
