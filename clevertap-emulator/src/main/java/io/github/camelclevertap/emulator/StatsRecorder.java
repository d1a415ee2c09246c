package io.github.camelclevertap.emulator;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mutable counters behind {@link EmulatorStats}. One lock for all of them so that a snapshot is consistent
 * (for example recordsReceived equals recordsStored plus recordsRejected outside dry runs); contention is
 * negligible next to the HTTP work of each request.
 */
final class StatsRecorder {

    private long requests;
    private final Map<Integer, Long> responsesByStatus = new TreeMap<>();
    private long recordsReceived;
    private long recordsStored;
    private long recordsRejected;
    private int[] batchSizes = new int[64];
    private int batchCount;

    synchronized void requestReceived() {
        requests++;
    }

    /** Counts an answered (or, with status 0, dropped) upload request. */
    synchronized void responded(int status) {
        responsesByStatus.merge(status, 1L, Long::sum);
    }

    synchronized void batchValidated(int size, int processed, int rejected, boolean stored) {
        if (batchCount == batchSizes.length) {
            batchSizes = Arrays.copyOf(batchSizes, batchSizes.length * 2);
        }
        batchSizes[batchCount++] = size;
        recordsReceived += size;
        recordsRejected += rejected;
        if (stored) {
            recordsStored += processed;
        }
    }

    synchronized EmulatorStats snapshot(InFlightTracker inFlight) {
        return new EmulatorStats(requests, responsesByStatus, recordsReceived, recordsStored, recordsRejected,
                Arrays.copyOf(batchSizes, batchCount), inFlight.peaks(), inFlight.total());
    }

    synchronized void reset() {
        requests = 0;
        responsesByStatus.clear();
        recordsReceived = 0;
        recordsStored = 0;
        recordsRejected = 0;
        batchSizes = new int[64];
        batchCount = 0;
    }
}
