package io.github.camelclevertap.emulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts authenticated upload requests in flight per account, and the peak of each count. The peak includes
 * requests that are then refused with 429: that is what shows a client overshooting CleverTap's limit.
 *
 * <p>A request that arrives while one of its account's requests is writing the last byte of its response waits for
 * that request to be counted out (at most {@link #ADMISSION_GRACE}) before it is counted in itself. A client that
 * reuses a slot the moment it has read its answer (CleverTap's own advice) can send its next request before the
 * emulator's handler thread has returned from writing the previous answer; without the wait that request would be
 * counted on top of the one already answered: a peak one too high, or a 429 at the limit, for a client that never had
 * more requests outstanding than allowed. A request that finds no response being completed is counted in, and refused
 * when over the limit, at once.
 */
final class InFlightTracker {

    /**
     * The longest a request waits for requests whose response is being completed. The bookkeeping it waits for takes
     * microseconds; the bound only matters when the last write blocks on a client that does not read its answer.
     */
    static final Duration ADMISSION_GRACE = Duration.ofMillis(100);

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    /** Counts a request in; closing the returned slot counts it out (only once, however often it is closed). */
    Slot enter(String accountId) {
        Account account = accounts.computeIfAbsent(accountId, id -> new Account());
        synchronized (account) {
            long deadline = System.nanoTime() + ADMISSION_GRACE.toNanos();
            while (account.completing > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(account, left);
                } catch (InterruptedException e) {
                    // Only while the emulator is closing: the request is counted in and ends with the server.
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            account.current++;
            account.peak = Math.max(account.peak, account.current);
            total.incrementAndGet();
            return new Slot(account, account.current);
        }
    }

    int total() {
        return total.get();
    }

    Map<String, Integer> peaks() {
        Map<String, Integer> copy = new HashMap<>();
        accounts.forEach((id, account) -> {
            synchronized (account) {
                copy.put(id, account.peak);
            }
        });
        return copy;
    }

    /** Forgets the peaks; requests still in flight remain counted, so each peak restarts at the current count. */
    void resetPeaks() {
        accounts.values().forEach(account -> {
            synchronized (account) {
                account.peak = account.current;
            }
        });
    }

    /** One account's counts, guarded by its own monitor, on which waiting requests wait. */
    private static final class Account {
        int current;
        int peak;
        /** Requests of the account writing the last bytes of their response, still counted in {@link #current}. */
        int completing;
    }

    /** One request's place in the count. */
    final class Slot implements AutoCloseable {
        private final Account account;
        private final int countOnEntry;
        private boolean completing;
        private boolean released;

        private Slot(Account account, int countOnEntry) {
            this.account = account;
            this.countOnEntry = countOnEntry;
        }

        /** The account's in-flight count including this request, as seen when it entered. */
        int countOnEntry() {
            return countOnEntry;
        }

        /**
         * Marks that the last byte of this request's response (or the close of its connection) comes next, so its
         * client may have its answer any moment now: requests of the account arriving from now on wait for this one
         * to be counted out. The request stays counted until {@link #close()}.
         */
        void completing() {
            synchronized (account) {
                if (!completing && !released) {
                    completing = true;
                    account.completing++;
                }
            }
        }

        @Override
        public void close() {
            synchronized (account) {
                if (released) {
                    return;
                }
                released = true;
                account.current--;
                if (completing) {
                    account.completing--;
                }
                total.decrementAndGet();
                account.notifyAll();
            }
        }
    }
}
