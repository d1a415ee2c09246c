package io.github.camelclevertap.component;

import java.util.List;

import io.github.camelclevertap.component.upload.DeliveryFailure;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Completes an exchange once, from its feed and its tally: the outcome headers always, and the exception that says
 * what was not stored, with every record that was not.
 */
final class ExchangeCompletion {

    private final Exchange exchange;
    private final AsyncCallback callback;

    ExchangeCompletion(Exchange exchange, AsyncCallback callback) {
        this.exchange = exchange;
        this.callback = callback;
    }

    /** Sets the outcome on the exchange and calls back; the caller makes sure this runs once. */
    void complete(RecordFeed feed, OutcomeTally tally, boolean doneSync) {
        try {
            if (feed.bodyFailure() != null) {
                // nothing was read: the body itself is wrong
                exchange.setException(feed.bodyFailure());
            } else {
                setOutcome(feed, tally, feed.single());
            }
        } catch (RuntimeException e) {
            exchange.setException(e);
        } finally {
            callback.done(doneSync);
        }
    }

    private void setOutcome(RecordFeed feed, OutcomeTally tally, boolean single) {
        Message message = exchange.getMessage();
        long total = feed.fed();
        long stored = tally.storedCount();
        List<RejectedRecord> rejected = tally.rejectedRecords();
        List<UndeliveredRecord> undelivered = tally.undeliveredRecords();
        List<UndeliveredRecord> unknown = tally.unknownRecords();
        boolean unread = feed.firstUnread() >= 0;
        message.setHeader(CleverTapConstants.STATUS,
                stored == total && !unread ? "success" : stored == 0 ? "fail" : "partial");
        message.setHeader(CleverTapConstants.PROCESSED, (int) stored);
        message.setHeader(CleverTapConstants.UNPROCESSED, (int) (total - stored));
        message.setHeader(CleverTapConstants.REJECTED_RECORDS, rejected);
        message.setHeader(CleverTapConstants.UNDELIVERED_RECORDS, undelivered);
        message.setHeader(CleverTapConstants.UNKNOWN_RECORDS, unknown);
        DeliveryFailure failure = tally.lastFailure();
        RuntimeException inputFailure = feed.inputFailure();
        if (inputFailure != null) {
            exchange.setException(new CleverTapDeliveryException(
                    "Could not read record " + feed.firstUnread() + " of the message body (" + inputFailure.getMessage()
                                                                 + "); of the " + total + " records read before it, "
                                                                 + summary(total, stored, rejected, undelivered, unknown),
                    failure == null ? 0 : failure.httpStatus(), undelivered, unknown, feed.firstUnread(),
                    inputFailure));
        } else if (feed.stoppedEarly()) {
            exchange.setException(new CleverTapDeliveryException(
                    "The producer stopped before the message body was read to its end: records from "
                                                                 + feed.firstUnread() + " on were not read; of the "
                                                                 + total + " records read, "
                                                                 + summary(total, stored, rejected, undelivered, unknown),
                    failure == null ? 0 : failure.httpStatus(), undelivered, unknown, feed.firstUnread(), null));
        } else if (!undelivered.isEmpty() || !unknown.isEmpty()) {
            exchange.setException(new CleverTapDeliveryException(
                    (undelivered.size() + unknown.size()) + " of " + total + " records were not delivered to CleverTap"
                                                                 + (unknown.isEmpty() ? ""
                                                                         : " (" + unknown.size()
                                                                           + " of them may have been stored)")
                                                                 + ": " + failure.message(),
                    failure.httpStatus(), undelivered, unknown, -1, failure.cause()));
        } else if (single && !rejected.isEmpty()) {
            exchange.setException(new CleverTapRecordRejectedException(rejected.get(0)));
        }
    }

    private static String summary(long total, long stored, List<RejectedRecord> rejected,
                                  List<UndeliveredRecord> undelivered, List<UndeliveredRecord> unknown) {
        return stored + " were stored, " + rejected.size() + " rejected, " + undelivered.size() + " not delivered and "
               + unknown.size() + " of unknown outcome";
    }
}
