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
    private long requests;

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

    /** Clears as {@link #clear()} does and forgets what was injected and how many requests drew. */
    synchronized void reset() {
        clear();
        injected.clear();
        requests = 0;
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

    /** The fault for the request being handled now ({@link Fault#none()} to answer normally) and its seed. */
    synchronized Drawn next() {
        requests++;
        Drawn drawn = draw();
        if (drawn.fault().kind() != Fault.Kind.NONE) {
            injected.merge(drawn.fault().kind(), 1L, Long::sum);
        }
        return drawn;
    }

    /**
     * A request's fault, with a seed for whatever the fault leaves to chance (the order of shuffled errors): from the
     * random mode's generator for a drawn fault, the request's number since start or reset otherwise. Either way the
     * same requests in the same order get the same answers.
     */
    record Drawn(Fault fault, long seed) {
    }

    private Drawn draw() {
        Fault queued = queue.pollFirst();
        if (queued != null) {
            return new Drawn(queued, requests);
        }
        if (random == null) {
            return new Drawn(NONE, requests);
        }
        Fault fault = drawFromRates();
        // Only faults that need a seed take one from the sequence, so the other faults draw as they always did.
        long seed = fault.kind() == Fault.Kind.SHUFFLED_ERRORS ? random.nextLong() : requests;
        return new Drawn(fault, seed);
    }

    private Fault drawFromRates() {
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
        // The odd answers come after the faults above, so existing seeds keep drawing the same faults.
        threshold += rates.pFail200();
        if (draw < threshold) {
            return Fault.fail200(503);
        }
        threshold += rates.pStalledBody();
        if (draw < threshold) {
            return Fault.stalledBody(rates.stallDelay());
        }
        threshold += rates.pUnnumbered();
        if (draw < threshold) {
            return Fault.unnumberedErrors(true);
        }
        threshold += rates.pUnnumberedUnechoed();
        if (draw < threshold) {
            return Fault.unnumberedErrors(false);
        }
        threshold += rates.pShuffled();
        if (draw < threshold) {
            return Fault.shuffledErrors();
        }
        threshold += rates.pWrongProcessed();
        if (draw < threshold) {
            return Fault.wrongProcessed(-1);
        }
        return NONE;
    }
}
