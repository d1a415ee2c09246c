package io.github.camelclevertap.component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.camelclevertap.component.upload.RecordBatcher;
import io.github.camelclevertap.component.upload.UploadPermits;

/**
 * The accounts one producer uploads for on behalf of the header {@code CamelCleverTapAccountId}, each with its own
 * batcher (records of two accounts never share a request) and its own registration of the account's in-flight limit.
 * An account is opened by its first exchange and closed when its last exchange completes, so accounts that go idle
 * hold nothing.
 */
final class AccountLanes {

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

    private final Map<String, Lane> lanes = new HashMap<>();

    /**
     * The account's lane, opened with {@code opener} when no exchange uses it; the caller hands it back with
     * {@link #done(Lane)} exactly once.
     */
    Lane take(String accountId, Function<String, Lane> opener) {
        synchronized (lanes) {
            Lane lane = lanes.get(accountId);
            if (lane == null) {
                lane = opener.apply(accountId);
                lanes.put(accountId, lane);
            }
            lane.exchanges++;
            return lane;
        }
    }

    /** An exchange of the lane completed: the last one closes it (its records are all answered by then). */
    void done(Lane lane) {
        synchronized (lanes) {
            if (--lane.exchanges > 0 || lanes.get(lane.accountId) != lane) {
                return;
            }
            lanes.remove(lane.accountId);
        }
        lane.permits.close();
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
