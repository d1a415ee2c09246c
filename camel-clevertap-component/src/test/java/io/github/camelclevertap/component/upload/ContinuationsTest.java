package io.github.camelclevertap.component.upload;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContinuationsTest {

    @Test
    void tasksAPoolDroppedWhenItWasShutDownRunOnDrain() throws Exception {
        // one busy thread, the rest queued: shutdownNow drops the queued ones, as Camel's forced stop may
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(100));
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        pool.execute(() -> {
            busy.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
        Continuations continuations = new Continuations(pool);
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            continuations.execute(ran::incrementAndGet);
        }

        assertThat(pool.shutdownNow()).hasSize(10);
        release.countDown();
        continuations.drain();

        assertThat(ran.get()).isEqualTo(10);
        continuations.execute(ran::incrementAndGet);
        assertThat(ran.get()).as("a task after the shutdown runs at once").isEqualTo(11);
    }
}
