package io.github.camelclevertap.component;

import java.util.List;
import java.util.Map;

/**
 * Thrown when some of an exchange's records were not stored and not rejected: retries were exhausted, the request
 * failed in a way that is not retried (HTTP 400, 401), the body could not be read to its end, or the producer
 * stopped. It carries exactly those records, split by whether CleverTap may hold them, so a dead letter channel can
 * send the undelivered ones again without duplicating anything.
 */
public class CleverTapDeliveryException extends CleverTapException {

    private final int httpStatus;
    private final transient List<UndeliveredRecord> undelivered;
    private final transient List<UndeliveredRecord> unknown;
    private final long firstUnreadIndex;

    public CleverTapDeliveryException(String message, int httpStatus, List<UndeliveredRecord> undelivered,
                                      Throwable cause) {
        this(message, httpStatus, undelivered, List.of(), -1, cause);
    }

    /**
     * @param unknown          records whose outcome is unknown: CleverTap may have stored them
     * @param firstUnreadIndex the index of the first record of the body never read, or -1
     */
    public CleverTapDeliveryException(String message, int httpStatus, List<UndeliveredRecord> undelivered,
                                      List<UndeliveredRecord> unknown, long firstUnreadIndex, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.undelivered = List.copyOf(undelivered);
        this.unknown = List.copyOf(unknown);
        this.firstUnreadIndex = firstUnreadIndex;
    }

    /**
     * The HTTP status of the last failed attempt, or 0 when no answer came (timeout, connection failure).
     */
    public int getHttpStatus() {
        return httpStatus;
    }

    /**
     * The records CleverTap never stored: sending them again duplicates nothing.
     */
    public List<UndeliveredRecord> getUndeliveredRecords() {
        return undelivered;
    }

    /**
     * The records whose outcome is unknown (no complete answer, a lost connection, an answer that did not add up):
     * CleverTap may have stored them, so sending them again may duplicate them.
     */
    public List<UndeliveredRecord> getUnknownRecords() {
        return unknown;
    }

    /**
     * The index of the first record of the body that was never read (the body failed, or the producer stopped), or
     * -1 when the whole body was read. The records from there on were not attempted.
     */
    public long getFirstUnreadIndex() {
        return firstUnreadIndex;
    }

    /**
     * The undelivered records alone, ready to be sent again as a `List` body.
     */
    public List<Map<String, Object>> getRecords() {
        return undelivered.stream().map(UndeliveredRecord::record).toList();
    }
}
