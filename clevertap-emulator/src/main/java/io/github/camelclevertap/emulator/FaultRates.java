package io.github.camelclevertap.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Probabilities of the random fault mode ({@link FaultInjector#random(long, FaultRates)}).
 *
 * <p>Each upload request draws once: with probability {@code p503} it gets a 503, with {@code p500} a 500, with
 * {@code p429} a 429, with {@code pDrop} a dropped connection, with {@code pSlow} a response delayed by
 * {@code slowDelay} and with {@code pDropAfterStore} a connection dropped after the records were stored; otherwise it
 * is answered normally. The probabilities must add up to at most 1.
 *
 * @param p503      probability of {@code Fault.status(503)}
 * @param p500      probability of {@code Fault.status(500)}
 * @param p429      probability of {@code Fault.status(429)}
 * @param pDrop     probability of {@code Fault.dropConnection()}
 * @param pSlow     probability of {@code Fault.slowResponse(slowDelay)}
 * @param slowDelay the delay of a slow response
 * @param pDropAfterStore probability of {@code Fault.dropAfterStore()}
 */
public record FaultRates(double p503, double p500, double p429, double pDrop, double pSlow, Duration slowDelay,
        double pDropAfterStore) {

    public FaultRates {
        Objects.requireNonNull(slowDelay, "slowDelay");
        if (slowDelay.isNegative()) {
            throw new IllegalArgumentException("slowDelay must not be negative: " + slowDelay);
        }
        double sum = 0;
        for (double p : new double[] {p503, p500, p429, pDrop, pSlow, pDropAfterStore}) {
            if (!(p >= 0.0 && p <= 1.0)) {
                throw new IllegalArgumentException("Fault probabilities must be between 0 and 1, got " + p);
            }
            sum += p;
        }
        if (sum > 1.0 + 1e-9) {
            throw new IllegalArgumentException("Fault probabilities add up to " + sum + ", more than 1");
        }
    }

    /** No faults at all. */
    public static FaultRates none() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link FaultRates}; every probability defaults to 0 and the slow delay to one second. */
    public static final class Builder {
        private double p503;
        private double p500;
        private double p429;
        private double pDrop;
        private double pSlow;
        private Duration slowDelay = Duration.ofSeconds(1);
        private double pDropAfterStore;

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

        public FaultRates build() {
            return new FaultRates(p503, p500, p429, pDrop, pSlow, slowDelay, pDropAfterStore);
        }
    }
}
