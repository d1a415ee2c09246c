package io.github.camelclevertap.component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

import io.github.camelclevertap.component.upload.DeliveryFailure;

/**
 * The outcomes of one exchange's records so far: counts, and the records that were not stored, with why.
 */
final class OutcomeTally {

    // One tally per exchange, thousands waiting at once in the webhook shape: counters are fields updated in place
    // and the lists are made on their first entry.
    private static final AtomicLongFieldUpdater<OutcomeTally> ANSWERED
            = AtomicLongFieldUpdater.newUpdater(OutcomeTally.class, "answered");
    private static final AtomicLongFieldUpdater<OutcomeTally> STORED
            = AtomicLongFieldUpdater.newUpdater(OutcomeTally.class, "stored");

    private volatile long answered;
    private volatile long stored;
    private List<RejectedRecord> rejected; // guarded by this
    private List<UndeliveredRecord> undelivered; // guarded by this
    private List<UndeliveredRecord> unknown; // guarded by this
    private volatile DeliveryFailure lastFailure;

    void stored() {
        STORED.incrementAndGet(this);
        ANSWERED.incrementAndGet(this);
    }

    void rejected(RejectedRecord record) {
        synchronized (this) {
            rejected = add(rejected, record);
        }
        ANSWERED.incrementAndGet(this);
    }

    void undelivered(UndeliveredRecord record, DeliveryFailure failure) {
        synchronized (this) {
            undelivered = add(undelivered, record);
        }
        lastFailure = failure;
        ANSWERED.incrementAndGet(this);
    }

    void unknown(UndeliveredRecord record, DeliveryFailure failure) {
        synchronized (this) {
            unknown = add(unknown, record);
        }
        lastFailure = failure;
        ANSWERED.incrementAndGet(this);
    }

    private static <T> List<T> add(List<T> list, T item) {
        List<T> target = list == null ? new ArrayList<>() : list;
        target.add(item);
        return target;
    }

    /** Records with an outcome, of any kind. */
    long answered() {
        return answered;
    }

    long storedCount() {
        return stored;
    }

    DeliveryFailure lastFailure() {
        return lastFailure;
    }

    synchronized List<RejectedRecord> rejectedRecords() {
        return sorted(rejected, Comparator.comparingLong(RejectedRecord::index));
    }

    synchronized List<UndeliveredRecord> undeliveredRecords() {
        return sorted(undelivered, Comparator.comparingLong(UndeliveredRecord::index));
    }

    synchronized List<UndeliveredRecord> unknownRecords() {
        return sorted(unknown, Comparator.comparingLong(UndeliveredRecord::index));
    }

    private static <T> List<T> sorted(List<T> list, Comparator<T> order) {
        if (list == null) {
            // the usual case: no copy per completed exchange
            return List.of();
        }
        List<T> copy = new ArrayList<>(list);
        copy.sort(order);
        return copy;
    }
}
