package io.github.camelclevertap.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Random;

/**
 * Decides which upload requests misbehave.
 *
 * <p>Queued faults come first, one per request in FIFO order; when the queue is empty and a random mode is set,
 * each request draws from it; otherwise requests are answered normally. Thread-safe: all state is guarded by this
 * object's monitor, which also keeps the seeded {@link Random} sequence reproducible for a given request order.
 */
public final class FaultInjector {

    private static final Fault NONE = Fault.none();

    private final Deque<Fault> queue = new ArrayDeque<>();
    private Random random;
    private FaultRates rates;

    FaultInjector() {
    }

    /** Makes the next upload requests take these faults, one each, in this order; then normal behaviour resumes. */
    public synchronized FaultInjector enqueue(Fault... faults) {
        for (Fault fault : faults) {
            queue.addLast(Objects.requireNonNull(fault, "fault"));
        }
        return this;
    }

    /**
     * From now on, every upload request not served by the queue draws a fault independently with these rates.
     * The same seed and the same request order give the same faults.
     */
    public synchronized FaultInjector random(long seed, FaultRates rates) {
        this.rates = Objects.requireNonNull(rates, "rates");
        this.random = new Random(seed);
        return this;
    }

    /** Removes queued faults and the random mode. */
    public synchronized void clear() {
        queue.clear();
        random = null;
        rates = null;
    }

    /** Faults still queued. */
    public synchronized int pending() {
        return queue.size();
    }

    /** The fault for the request being handled now; {@link Fault#none()} to answer normally. */
    synchronized Fault next() {
        Fault queued = queue.pollFirst();
        if (queued != null) {
            return queued;
        }
        if (random == null) {
            return NONE;
        }
        double draw = random.nextDouble();
        double threshold = rates.p503();
        if (draw < threshold) {
            return Fault.status(503);
        }
        threshold += rates.p500();
        if (draw < threshold) {
            return Fault.status(500);
        }
        threshold += rates.p429();
        if (draw < threshold) {
            return Fault.status(429);
        }
        threshold += rates.pDrop();
        if (draw < threshold) {
            return Fault.dropConnection();
        }
        threshold += rates.pSlow();
        if (draw < threshold) {
            return Fault.slowResponse(rates.slowDelay());
        }
        return NONE;
    }
}
