package io.github.camelclevertap.emulator;

import java.util.concurrent.CountDownLatch;

/**
 * Holds every upload request, after its latency and while it counts as in flight, until released: a test can then
 * see how many callers wait at once for CleverTap without timing anything.
 */
final class AnswerGate {

    private static final CountDownLatch OPEN = new CountDownLatch(0);

    private volatile CountDownLatch latch = OPEN;

    synchronized void hold() {
        if (latch == OPEN) {
            latch = new CountDownLatch(1);
        }
    }

    synchronized void release() {
        latch.countDown();
        latch = OPEN;
    }

    /** Waits while held; false when interrupted, which only happens while the emulator is closing. */
    boolean pass() {
        try {
            latch.await();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
