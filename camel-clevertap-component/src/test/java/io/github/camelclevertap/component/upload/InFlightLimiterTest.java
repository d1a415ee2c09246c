package io.github.camelclevertap.component.upload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class InFlightLimiterTest {

    @Test
    void lowestRegisteredLimitAppliesAndRisesWhenItsEndpointGoes() {
        AccountLimiters limiters = new AccountLimiters();
        InFlightLimiter.Registration fifteen = limiters.register("acc", 15, 15);
        InFlightLimiter.Registration five = limiters.register("acc", 5, 15);
        assertThat(fifteen.limiter()).isSameAs(five.limiter());
        assertThat(fifteen.limiter().limit()).isEqualTo(5);
        five.close();
        assertThat(fifteen.limiter().limit()).isEqualTo(15);
        fifteen.close();
        assertThat(limiters.accounts()).isZero();
    }

    @Test
    void waitersAreGrantedWhenTheLimitRisesAndNewcomersQueueBehindThem() {
        AccountLimiters limiters = new AccountLimiters();
        InFlightLimiter.Registration wide = limiters.register("acc", 15, 15);
        InFlightLimiter.Registration narrow = limiters.register("acc", 2, 15);
        InFlightLimiter limiter = wide.limiter();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        List<InFlightLimiter.Permit> held = Collections.synchronizedList(new ArrayList<>());
        for (String name : List.of("a", "b", "w1", "w2", "w3")) {
            limiter.acquire(permit -> {
                order.add(name);
                held.add(permit);
            });
        }
        assertThat(order).containsExactly("a", "b");
        assertThat(limiter.waiting()).isEqualTo(3);

        narrow.close();

        assertThat(order).containsExactly("a", "b", "w1", "w2", "w3");
        limiter.acquire(permit -> {
            order.add("newcomer");
            held.add(permit);
        });
        assertThat(order).endsWith("newcomer");
        held.forEach(InFlightLimiter.Permit::release);
        assertThat(limiter.inFlight()).isZero();
        wide.close();
    }

    @Test
    void grantsInArrivalOrder() {
        AccountLimiters limiters = new AccountLimiters();
        InFlightLimiter.Registration registration = limiters.register("acc", 1, 15);
        InFlightLimiter limiter = registration.limiter();
        List<Integer> granted = Collections.synchronizedList(new ArrayList<>());
        List<InFlightLimiter.Permit> permits = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 50; i++) {
            int id = i;
            limiter.acquire(permit -> {
                granted.add(id);
                permits.add(permit);
            });
        }
        for (int i = 0; i < 50; i++) {
            permits.get(i).release();
        }
        assertThat(granted).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).boxed().toList());
        registration.close();
    }

    @Test
    void releasingTwiceFreesOneSlotAndCancelledWaitersAreSkipped() {
        AccountLimiters limiters = new AccountLimiters();
        InFlightLimiter.Registration registration = limiters.register("acc", 1, 15);
        InFlightLimiter limiter = registration.limiter();
        List<InFlightLimiter.Permit> permits = new ArrayList<>();
        limiter.acquire(permits::add);
        InFlightLimiter.PermitRequest second = limiter.acquire(permits::add);
        limiter.acquire(permits::add);
        assertThat(second.cancel()).isTrue();
        permits.get(0).release();
        permits.get(0).release();
        assertThat(permits).hasSize(2);
        assertThat(limiter.inFlight()).isEqualTo(1);
        permits.get(1).release();
        assertThat(limiter.inFlight()).isZero();
        assertThat(limiter.granted()).isEqualTo(limiter.released()).isEqualTo(2);
        registration.close();
        assertThat(limiters.accounts()).isZero();
    }

    @Test
    void aGrantThatThrowsGivesItsSlotBack() {
        AccountLimiters limiters = new AccountLimiters();
        InFlightLimiter.Registration registration = limiters.register("acc", 1, 15);
        InFlightLimiter limiter = registration.limiter();
        limiter.acquire(permit -> {
            throw new IllegalStateException("boom");
        });
        assertThat(limiter.inFlight()).isZero();
        registration.close();
    }

    @Test
    void neverMoreThanTheLimitUnderConcurrentAcquiresAndReleases() throws Exception {
        AccountLimiters limiters = new AccountLimiters();
        InFlightLimiter.Registration registration = limiters.register("acc", 15, 15);
        InFlightLimiter limiter = registration.limiter();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        int tasks = 20_000;
        CountDownLatch done = new CountDownLatch(tasks);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        try {
            for (int i = 0; i < tasks; i++) {
                pool.execute(() -> limiter.acquire(permit -> pool.execute(() -> {
                    try {
                        peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                        if (ThreadLocalRandom.current().nextInt(10) == 0) {
                            Thread.yield();
                        }
                        running.decrementAndGet();
                    } catch (Throwable e) {
                        errors.add(e);
                    } finally {
                        permit.release();
                        done.countDown();
                    }
                })));
            }
            assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdown();
        }
        assertThat(errors).isEmpty();
        assertThat(peak.get()).isBetween(1, 15);
        assertThat(limiter.peakInFlight()).isEqualTo(15);
        await().atMost(5, TimeUnit.SECONDS).until(() -> limiter.inFlight() == 0);
        assertThat(limiter.granted()).isEqualTo(limiter.released()).isEqualTo(tasks);
        registration.close();
        assertThat(limiters.accounts()).isZero();
    }
}
