package io.github.camelclevertap.component.upload;

import io.github.camelclevertap.component.RejectedRecord;

/**
 * Receives the outcome of each of its records. Every record gets exactly one outcome; {@link #afterBatch()} follows
 * once per batch the owner had records in, so owners can react per batch instead of per record.
 */
public interface RecordOwner {

    void recordStored(PendingRecord record);

    void recordRejected(PendingRecord record, RejectedRecord rejected);

    void recordUndelivered(PendingRecord record, DeliveryFailure failure);

    void afterBatch();
}
