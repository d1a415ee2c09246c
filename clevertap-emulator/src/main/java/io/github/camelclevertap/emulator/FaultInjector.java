package io.github.camelclevertap.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
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
    private final Map<Fault.Kind, Long> injected = new EnumMap<>(Fault.Kind.class);
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

    /** Removes queued faults and the random mode; {@link #injected()} keeps counting. */
    public synchronized void clear() {
        queue.clear();
        random = null;
        rates = null;
    }

    /** Clears as {@link #clear()} does and forgets what was injected. */
    synchronized void reset() {
        clear();
        injected.clear();
    }

    /** Faults still queued. */
    public synchronized int pending() {
        return queue.size();
    }

    /**
     * How many requests got each kind of fault, queued or drawn, since the emulator was started or reset; kinds that never
     * occurred are missing. A test can tell from it, for example, how many requests were answered after the client's
     * timeout.
     */
    public synchronized Map<Fault.Kind, Long> injected() {
        return Map.copyOf(injected);
    }

    /** How many requests got a fault of this kind since the emulator was started or reset. */
    public synchronized long injected(Fault.Kind kind) {
        return injected.getOrDefault(kind, 0L);
    }

    /** The fault for the request being handled now; {@link Fault#none()} to answer normally. */
    synchronized Fault next() {
        Fault fault = draw();
        if (fault.kind() != Fault.Kind.NONE) {
            injected.merge(fault.kind(), 1L, Long::sum);
        }
        return fault;
    }

    private Fault draw() {
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
        threshold += rates.pDropAfterStore();
        if (draw < threshold) {
            return Fault.dropAfterStore();
        }
        return NONE;
    }
}
