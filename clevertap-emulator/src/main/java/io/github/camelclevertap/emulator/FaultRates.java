package io.github.camelclevertap.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Probabilities of the random fault mode ({@link FaultInjector#random(long, FaultRates)}).
 *
 * <p>Each upload request draws once: with probability {@code p503} it gets a 503, with {@code p500} a 500, with
 * {@code p429} a 429, with {@code pDrop} a dropped connection, with {@code pSlow} a response delayed by
 * {@code slowDelay} and with {@code pDropAfterStore} a connection dropped after the records were stored. The odd but
 * plausible answers come next: with {@code pFail200} a request-level failure (code 503) answered with HTTP 200, with
 * {@code pStalledBody} an answer whose body stalls for {@code stallDelay} after its first bytes, with
 * {@code pUnnumbered} and {@code pUnnumberedUnechoed} per-record errors without their record number (and, for the
 * latter, without the record), with {@code pShuffled} per-record errors out of order and with {@code pWrongProcessed}
 * a {@code processed} count one lower than the truth (1 when the truth is 0). Otherwise the request
 * is answered normally. The probabilities must add up to at most 1.
 *
 * <p>The odd answers are drawn after the others, so with their rates at 0 a seed draws the same faults as before
 * they existed.
 *
 * @param p503                probability of {@code Fault.status(503)}
 * @param p500                probability of {@code Fault.status(500)}
 * @param p429                probability of {@code Fault.status(429)}
 * @param pDrop               probability of {@code Fault.dropConnection()}
 * @param pSlow               probability of {@code Fault.slowResponse(slowDelay)}
 * @param slowDelay           the delay of a slow response
 * @param pDropAfterStore     probability of {@code Fault.dropAfterStore()}
 * @param pFail200            probability of {@code Fault.fail200(503)}
 * @param pStalledBody        probability of {@code Fault.stalledBody(stallDelay)}
 * @param stallDelay          how long a stalled body withholds the rest of its answer
 * @param pUnnumbered         probability of {@code Fault.unnumberedErrors(true)}
 * @param pUnnumberedUnechoed probability of {@code Fault.unnumberedErrors(false)}
 * @param pShuffled           probability of {@code Fault.shuffledErrors()}
 * @param pWrongProcessed     probability of {@code Fault.wrongProcessed(-1)}
 */
public record FaultRates(double p503, double p500, double p429, double pDrop, double pSlow, Duration slowDelay,
        double pDropAfterStore, double pFail200, double pStalledBody, Duration stallDelay, double pUnnumbered,
        double pUnnumberedUnechoed, double pShuffled, double pWrongProcessed) {

    public FaultRates {
        requireNotNegative(slowDelay, "slowDelay");
        requireNotNegative(stallDelay, "stallDelay");
        double sum = 0;
        for (double p : new double[] {p503, p500, p429, pDrop, pSlow, pDropAfterStore, pFail200, pStalledBody,
                pUnnumbered, pUnnumberedUnechoed, pShuffled, pWrongProcessed}) {
            if (!(p >= 0.0 && p <= 1.0)) {
                throw new IllegalArgumentException("Fault probabilities must be between 0 and 1, got " + p);
            }
            sum += p;
        }
        if (sum > 1.0 + 1e-9) {
            throw new IllegalArgumentException("Fault probabilities add up to " + sum + ", more than 1");
        }
    }

    /**
     * The rates of the faults that existed before the odd answers, which are all 0 here (stall delay 5 s): keeps
     * code written against the earlier canonical constructor compiling.
     */
    public FaultRates(double p503, double p500, double p429, double pDrop, double pSlow, Duration slowDelay,
            double pDropAfterStore) {
        this(p503, p500, p429, pDrop, pSlow, slowDelay, pDropAfterStore, 0, 0, Builder.DEFAULT_STALL_DELAY, 0, 0, 0, 0);
    }

    /** No faults at all. */
    public static FaultRates none() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + duration);
        }
    }

    /**
     * Builds {@link FaultRates}; every probability defaults to 0, the slow delay to one second and the stall delay to
     * five seconds.
     */
    public static final class Builder {
        static final Duration DEFAULT_STALL_DELAY = Duration.ofSeconds(5);

        private double p503;
        private double p500;
        private double p429;
        private double pDrop;
        private double pSlow;
        private Duration slowDelay = Duration.ofSeconds(1);
        private double pDropAfterStore;
        private double pFail200;
        private double pStalledBody;
        private Duration stallDelay = DEFAULT_STALL_DELAY;
        private double pUnnumbered;
        private double pUnnumberedUnechoed;
        private double pShuffled;
        private double pWrongProcessed;

        private Builder() {
        }

        public Builder p503(double p) {
            this.p503 = p;
            return this;
        }

        public Builder p500(double p) {
            this.p500 = p;
            return this;
        }

        public Builder p429(double p) {
            this.p429 = p;
            return this;
        }

        public Builder pDrop(double p) {
            this.pDrop = p;
            return this;
        }

        public Builder pSlow(double p) {
            this.pSlow = p;
            return this;
        }

        public Builder slowDelay(Duration delay) {
            this.slowDelay = delay;
            return this;
        }

        public Builder pDropAfterStore(double p) {
            this.pDropAfterStore = p;
            return this;
        }

        public Builder pFail200(double p) {
            this.pFail200 = p;
            return this;
        }

        public Builder pStalledBody(double p) {
            this.pStalledBody = p;
            return this;
        }

        public Builder stallDelay(Duration delay) {
            this.stallDelay = delay;
            return this;
        }

        public Builder pUnnumbered(double p) {
            this.pUnnumbered = p;
            return this;
        }

        public Builder pUnnumberedUnechoed(double p) {
            this.pUnnumberedUnechoed = p;
            return this;
        }

        public Builder pShuffled(double p) {
            this.pShuffled = p;
            return this;
        }

        public Builder pWrongProcessed(double p) {
            this.pWrongProcessed = p;
            return this;
        }

        public FaultRates build() {
            return new FaultRates(p503, p500, p429, pDrop, pSlow, slowDelay, pDropAfterStore, pFail200, pStalledBody,
                    stallDelay, pUnnumbered, pUnnumberedUnechoed, pShuffled, pWrongProcessed);
        }
    }
}
