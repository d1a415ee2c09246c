package io.github.camelclevertap.emulator;

import java.util.AbstractList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.TreeMap;

/**
 * An immutable snapshot of what the emulator has seen since it started or was last {@linkplain
 * CleverTapEmulator#reset() reset}. Take a new snapshot with {@link CleverTapEmulator#stats()} to see later requests.
 */
public final class EmulatorStats {

    private final long requests;
    private final Map<Integer, Long> responsesByStatus;
    private final long recordsReceived;
    private final long recordsStored;
    private final long recordsRejected;
    private final int[] batchSizes;
    private final Map<String, Integer> peakInFlightByAccount;
    private final int inFlight;

    EmulatorStats(long requests, Map<Integer, Long> responsesByStatus, long recordsReceived, long recordsStored,
            long recordsRejected, int[] batchSizes, Map<String, Integer> peakInFlightByAccount, int inFlight) {
        this.requests = requests;
        this.responsesByStatus = Collections.unmodifiableMap(new TreeMap<>(responsesByStatus));
        this.recordsReceived = recordsReceived;
        this.recordsStored = recordsStored;
        this.recordsRejected = recordsRejected;
        this.batchSizes = batchSizes;
        this.peakInFlightByAccount = Collections.unmodifiableMap(new TreeMap<>(peakInFlightByAccount));
        this.inFlight = inFlight;
    }

    /** Upload requests received, whatever their outcome. */
    public long requests() {
        return requests;
    }

    /** HTTP status answered to upload requests, with the count of each; dropped connections are under key 0. */
    public Map<Integer, Long> responsesByStatus() {
        return responsesByStatus;
    }

    /** How many upload requests were answered with {@code status} (0 for dropped connections). */
    public long responses(int status) {
        return responsesByStatus.getOrDefault(status, 0L);
    }

    /** Records in the {@code d} arrays of the requests that reached per-record validation. */
    public long recordsReceived() {
        return recordsReceived;
    }

    /** Records processed and stored; dry runs store nothing and are not counted. */
    public long recordsStored() {
        return recordsStored;
    }

    /** Records answered in {@code unprocessed}. */
    public long recordsRejected() {
        return recordsRejected;
    }

    /** Size of {@code d} for each request that reached per-record validation, in arrival order. */
    public List<Integer> batchSizes() {
        return new IntListView(batchSizes);
    }

    /** Mean of {@link #batchSizes()}, 0 when there were none. */
    public double meanBatchSize() {
        if (batchSizes.length == 0) {
            return 0.0;
        }
        long sum = 0;
        for (int size : batchSizes) {
            sum += size;
        }
        return (double) sum / batchSizes.length;
    }

    /**
     * The most upload requests any one account had in flight at once, counting the requests refused with 429
     * for exceeding the limit.
     */
    public int peakInFlight() {
        int peak = 0;
        for (int value : peakInFlightByAccount.values()) {
            peak = Math.max(peak, value);
        }
        return peak;
    }

    /** {@link #peakInFlight()} for one account; 0 for an account that sent nothing. */
    public int peakInFlight(String accountId) {
        return peakInFlightByAccount.getOrDefault(accountId, 0);
    }

    /** Peak in-flight count of every account that sent authenticated requests. */
    public Map<String, Integer> peakInFlightByAccount() {
        return peakInFlightByAccount;
    }

    /** Upload requests in flight (all accounts) when the snapshot was taken. */
    public int inFlight() {
        return inFlight;
    }

    @Override
    public String toString() {
        return "EmulatorStats{requests=" + requests + ", responsesByStatus=" + responsesByStatus
                + ", recordsReceived=" + recordsReceived + ", recordsStored=" + recordsStored
                + ", recordsRejected=" + recordsRejected + ", batches=" + batchSizes.length
                + ", meanBatchSize=" + meanBatchSize() + ", peakInFlight=" + peakInFlightByAccount
                + ", inFlight=" + inFlight + '}';
    }

    // A read-only view over a private copy: avoids boxing millions of batch sizes in benchmark runs.
    private static final class IntListView extends AbstractList<Integer> implements RandomAccess {
        private final int[] values;

        IntListView(int[] values) {
            this.values = values;
        }

        @Override
        public Integer get(int index) {
            return values[index];
        }

        @Override
        public int size() {
            return values.length;
        }
    }
}
