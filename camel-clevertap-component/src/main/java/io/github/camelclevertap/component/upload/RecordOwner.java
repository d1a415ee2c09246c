package io.github.camelclevertap.component.upload;

import io.github.camelclevertap.component.RejectedRecord;

/**
 * Receives the outcome of each of its records. Every record gets exactly one outcome, when its batch has ended;
 * {@link #afterBatch()} follows once per batch the owner had records in, on a completion thread, so owners can react
 * per batch instead of per record.
 */
public interface RecordOwner {

    void recordStored(PendingRecord record);

    void recordRejected(PendingRecord record, RejectedRecord rejected);

    /** The record was never stored: it can be sent again without duplicating it. */
    void recordUndelivered(PendingRecord record, DeliveryFailure failure);

    /** CleverTap may or may not have stored the record (a timeout, a lost connection, an answer that did not add up). */
    void recordUnknown(PendingRecord record, DeliveryFailure failure);

    void afterBatch();
}
