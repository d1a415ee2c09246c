package io.github.camelclevertap.component.promises;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.github.camelclevertap.component.CleverTapDeliveryException;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Case 6: stopping the route while a large body streams. The exchange completes within the shutdown timeout (plus a
 * margin), at most one window (batchSize x maxConcurrentRequests) of records is read after the stop returned, and
 * the failure tells the index of the first record never read.
 *
 * <p>On the old code (commit ae82a89), run with the new getters replaced by reflective calls (a temporary variant; these tests do not compile on the old code): failed on behaviour before the new getter was reached:
 * "ConditionTimeout Condition with alias 'the exchange completes within the shutdown timeout and a margin' didn't
 * complete within 5 seconds" (the producer only reacts to the context stopping, so the stream went on reading).
 */
class RouteStopMidStreamTest extends PromisesTestSupport {

    private static final int BATCH_SIZE = 10;
    private static final int MAX_CONCURRENT_REQUESTS = 2;
    private static final long SHUTDOWN_TIMEOUT = 2000;
    private static final long WINDOW = (long) BATCH_SIZE * MAX_CONCURRENT_REQUESTS;

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:stream").routeId("stream").to(uri("profile", "batchSize=" + BATCH_SIZE
                        + "&maxConcurrentRequests=" + MAX_CONCURRENT_REQUESTS + "&shutdownTimeout=" + SHUTDOWN_TIMEOUT
                        + "&batchTimeout=10&maxRetries=0"));
            }
        };
    }

    /** A million records made on demand, counting the next() calls; {@code abandon} ends it (test hygiene only). */
    private static final class OnDemand implements Iterator<Map<String, Object>> {
        final AtomicLong nextCalls = new AtomicLong();
        volatile boolean abandon;

        @Override
        public boolean hasNext() {
            return !abandon && nextCalls.get() < 1_000_000;
        }

        @Override
        public Map<String, Object> next() {
            return profile((int) nextCalls.getAndIncrement());
        }
    }

    @Test
    void stoppingTheRouteMidStreamStopsReadingAndCompletesTheExchange() throws Exception {
        clevertap.setLatency(50);
        // Camel first waits gracefully for the exchange in flight (1 s here); when that is up, the producer must stop
        // reading and end the exchange itself instead of streaming on
        context.getShutdownStrategy().setTimeout(1);
        OnDemand records = new OnDemand();
        try {
            CompletableFuture<Exchange> sent = template.asyncSend("direct:stream", e -> e.getMessage().setBody(records));
            await("the stream is under way").atMost(Duration.ofSeconds(10))
                    .until(() -> clevertap.requestCount() >= 4);

            long stopAsked = System.nanoTime();
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
                try {
                    context.getRouteController().stopRoute("stream");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, runnable -> new Thread(runnable, "stopper").start());

            await("the exchange completes within the shutdown timeout and a margin")
                    .atMost(Duration.ofMillis(1000 + SHUTDOWN_TIMEOUT + 3000)).until(sent::isDone);
            await("the route stops").atMost(Duration.ofSeconds(5)).until(stopped::isDone);
            stopped.join();
            long readWhenStopped = records.nextCalls.get();
            long tookMillis = (System.nanoTime() - stopAsked) / 1_000_000;
            assertThat(tookMillis).as("ms from the stop request until the exchange and the stop completed")
                    .isLessThan(1000 + SHUTDOWN_TIMEOUT + 3000);

            await("at most one window read after the stop returned").during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> records.nextCalls.get() - readWhenStopped <= WINDOW);

            Exchange exchange = sent.join();
            assertThat(exchange.getException()).isInstanceOf(CleverTapDeliveryException.class);
            CleverTapDeliveryException failure = (CleverTapDeliveryException) exchange.getException();
            assertThat(failure.getFirstUnreadIndex()).isGreaterThanOrEqualTo(0L)
                    .isLessThanOrEqualTo(records.nextCalls.get());
        } finally {
            records.abandon = true;
        }
    }
}
