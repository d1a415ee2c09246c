package io.github.camelclevertap.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;

/**
 * Sends one exchange per record through an asynchronous producer, keeping up to {@code window} of them waiting for an
 * answer at once: the shape of many concurrent webhook calls, without a thread per call. One thread sends; answers
 * arrive on whatever thread completes the exchange.
 */
final class WindowedSender {

    private static final long TIMEOUT_MINUTES = 10;

    private WindowedSender() {
    }

    static Outcome send(CamelContext context, AsyncProducer producer, long records, int window,
                        LongFunction<Object> body) throws InterruptedException {
        Semaphore permits = new Semaphore(window);
        AtomicLong pending = new AtomicLong();
        AtomicLong left = new AtomicLong(records);
        AtomicLong failed = new AtomicLong();
        CountDownLatch done = new CountDownLatch(records == 0 ? 0 : 1);
        long maxPending = 0;
        for (long i = 0; i < records; i++) {
            permits.acquire();
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setBody(body.apply(i));
            maxPending = Math.max(maxPending, pending.incrementAndGet());
            producer.process(exchange, doneSync -> {
                if (exchange.isFailed()) {
                    failed.incrementAndGet();
                }
                pending.decrementAndGet();
                permits.release();
                if (left.decrementAndGet() == 0) {
                    done.countDown();
                }
            });
        }
        if (!done.await(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            throw new IllegalStateException(left.get() + " of " + records + " exchanges got no answer in "
                                            + TIMEOUT_MINUTES + " minutes");
        }
        return new Outcome(records - failed.get(), failed.get(), maxPending);
    }
}
