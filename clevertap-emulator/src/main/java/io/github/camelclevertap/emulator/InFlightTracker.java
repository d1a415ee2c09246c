package io.github.camelclevertap.emulator;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts authenticated upload requests in flight per account, and the peak of each count. The peak includes
 * requests that are then refused with 429: that is what shows a client overshooting CleverTap's limit.
 */
final class InFlightTracker {

    private final Map<String, AtomicInteger> current = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> peak = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    /** Counts a request in; closing the returned slot counts it out (only once, however often it is closed). */
    Slot enter(String accountId) {
        int count = current.computeIfAbsent(accountId, id -> new AtomicInteger()).incrementAndGet();
        total.incrementAndGet();
        peak.computeIfAbsent(accountId, id -> new AtomicInteger()).accumulateAndGet(count, Math::max);
        return new Slot(accountId, count);
    }

    int total() {
        return total.get();
    }

    Map<String, Integer> peaks() {
        Map<String, Integer> copy = new HashMap<>();
        peak.forEach((account, value) -> copy.put(account, value.get()));
        return copy;
    }

    /** Forgets the peaks; requests still in flight remain counted, so each peak restarts at the current count. */
    void resetPeaks() {
        peak.forEach((account, value) -> value.set(current.getOrDefault(account, new AtomicInteger()).get()));
    }

    /** One request's place in the count. */
    final class Slot implements AutoCloseable {
        private final String accountId;
        private final int countOnEntry;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String accountId, int countOnEntry) {
            this.accountId = accountId;
            this.countOnEntry = countOnEntry;
        }

        /** The account's in-flight count including this request, as seen when it entered. */
        int countOnEntry() {
            return countOnEntry;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                current.get(accountId).decrementAndGet();
                total.decrementAndGet();
            }
        }
    }
}
