package io.github.camelclevertap.component.upload;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with jitter, so that many senders that failed together do not come back together.
 *
 * @param maxRetries   retries after the first attempt
 * @param initialDelay delay before the first retry, in milliseconds
 * @param maxDelay     longest delay, in milliseconds
 */
public record RetryPolicy(int maxRetries, long initialDelay, long maxDelay) {

    public boolean canRetry(int attemptsMade) {
        return attemptsMade <= maxRetries;
    }

    /**
     * The delay before the next attempt: the capped exponential delay, of which a random half is dropped.
     */
    public long delayAfter(int attemptsMade) {
        int doublings = Math.min(attemptsMade - 1, 30);
        long delay = Math.min(maxDelay, initialDelay << doublings);
        if (delay <= 0) {
            delay = maxDelay;
        }
        long half = delay / 2;
        return half + ThreadLocalRandom.current().nextLong(half + 1);
    }
}
