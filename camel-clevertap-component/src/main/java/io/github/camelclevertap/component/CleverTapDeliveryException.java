package io.github.camelclevertap.component;

import java.util.List;
import java.util.Map;

/**
 * Thrown when some of an exchange's records got no answer from CleverTap: retries were exhausted, or the request
 * failed in a way that is not retried (HTTP 400, 401). It carries exactly the records that were not delivered, so a
 * dead letter channel can send them again without duplicating the ones CleverTap stored.
 */
public class CleverTapDeliveryException extends CleverTapException {

    private final int httpStatus;
    private final transient List<UndeliveredRecord> undelivered;

    public CleverTapDeliveryException(String message, int httpStatus, List<UndeliveredRecord> undelivered,
                                      Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.undelivered = List.copyOf(undelivered);
    }

    /**
     * The HTTP status of the last failed attempt, or 0 when no answer came (timeout, connection failure).
     */
    public int getHttpStatus() {
        return httpStatus;
    }

    public List<UndeliveredRecord> getUndeliveredRecords() {
        return undelivered;
    }

    /**
     * The undelivered records alone, ready to be sent again as a `List` body.
     */
    public List<Map<String, Object>> getRecords() {
        return undelivered.stream().map(UndeliveredRecord::record).toList();
    }
}
