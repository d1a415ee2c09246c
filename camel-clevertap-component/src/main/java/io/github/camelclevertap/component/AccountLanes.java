package io.github.camelclevertap.component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import io.github.camelclevertap.component.upload.RecordBatcher;
import io.github.camelclevertap.component.upload.UploadPermits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts one producer uploads for on behalf of the header {@code CamelCleverTapAccountId}, each with its own
 * batcher (records of two accounts never share a request) and its own registration of the account's in-flight limit.
 * An account is opened by its first exchange and closed when its last exchange completes, so accounts that go idle
 * hold nothing. Opening (a credentials lookup, maybe a vault call) runs outside the shared monitor: a slow lookup
 * holds up only the exchanges of its own account.
 */
final class AccountLanes {

    private static final Logger LOG = LoggerFactory.getLogger(AccountLanes.class);

    /** One account's batcher and permits, and how many exchanges use them. */
    static final class Lane {
        final String accountId;
        final RecordBatcher batcher;
        final UploadPermits.AccountPermits permits;
        private int exchanges;

        Lane(String accountId, RecordBatcher batcher, UploadPermits.AccountPermits permits) {
            this.accountId = accountId;
            this.batcher = batcher;
            this.permits = permits;
        }
    }

    // both guarded by lanes
    private final Map<String, Lane> lanes = new HashMap<>();
    // the accounts being opened now: later exchanges of the same account wait for that opening, not their own
    private final Map<String, CompletableFuture<Lane>> openings = new HashMap<>();

    /**
     * The account's lane, opened with {@code opener} when no exchange uses it; the caller hands it back with
     * {@link #done(Lane)} exactly once.
     */
    Lane take(String accountId, Function<String, Lane> opener) {
        while (true) {
            CompletableFuture<Lane> opening;
            boolean mine = false;
            synchronized (lanes) {
                Lane lane = lanes.get(accountId);
                if (lane != null) {
                    lane.exchanges++;
                    return lane;
                }
                opening = openings.get(accountId);
                if (opening == null) {
                    opening = new CompletableFuture<>();
                    openings.put(accountId, opening);
                    mine = true;
                }
            }
            if (mine) {
                return open(accountId, opener, opening);
            }
            try {
                opening.join();
            } catch (CompletionException e) {
                // the same account failed to open for another exchange: this one fails alike
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            // look again: the lane may have closed meanwhile
        }
    }

    /** Opens the account outside the monitor, then publishes the lane with this exchange on it. */
    private Lane open(String accountId, Function<String, Lane> opener, CompletableFuture<Lane> opening) {
        Lane lane;
        try {
            lane = opener.apply(accountId);
        } catch (RuntimeException | Error e) {
            synchronized (lanes) {
                openings.remove(accountId);
            }
            opening.completeExceptionally(e);
            throw e;
        }
        synchronized (lanes) {
            openings.remove(accountId);
            lane.exchanges++;
            lanes.put(accountId, lane);
        }
        opening.complete(lane);
        return lane;
    }

    /** An exchange of the lane completed: the last one closes it (its records are all answered by then). */
    void done(Lane lane) {
        synchronized (lanes) {
            if (--lane.exchanges > 0 || lanes.get(lane.accountId) != lane) {
                return;
            }
            lanes.remove(lane.accountId);
        }
        try {
            lane.permits.close();
        } catch (RuntimeException e) {
            // a shared store unreachable at this moment: the exchange that closes must not fail for it
            LOG.warn("Closing the in-flight registration of account {} failed: {}", lane.accountId, e.toString());
        }
    }

    /** The lanes open now. */
    List<Lane> open() {
        synchronized (lanes) {
            return List.copyOf(lanes.values());
        }
    }

    int size() {
        synchronized (lanes) {
            return lanes.size();
        }
    }
}
