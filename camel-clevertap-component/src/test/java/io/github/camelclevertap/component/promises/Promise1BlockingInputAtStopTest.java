package io.github.camelclevertap.component.promises;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelclevertap.component.CleverTapDeliveryException;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Promise 1 ("whenever the route/producer stops; nothing waits forever"): a streaming body whose {@code hasNext()}
 * blocks (a cursor or a socket waiting for the next record) when the route is stopped. The producer's stop ends the
 * feed only through a flag the blocked reader never gets to look at, so the exchange is never completed: the stop
 * returns and the exchange stays open, with its one record stored long ago.
 */
class Promise1BlockingInputAtStopTest extends PromisesTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:stream").routeId("stream")
                        .to(uri("profile", "batchSize=1&batchTimeout=10&maxRetries=0&shutdownTimeout=500"));
            }
        };
    }

    /** One record, then a hasNext() that waits for data that never comes (until the test lets go). */
    private static final class StallingCursor implements Iterator<Map<String, Object>> {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger served = new AtomicInteger();

        @Override
        public boolean hasNext() {
            if (served.get() == 0) {
                return true;
            }
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }

        @Override
        public Map<String, Object> next() {
            return profile(served.getAndIncrement());
        }
    }

    @Test
    void stoppingTheRouteCompletesAnExchangeWhoseInputBlocks() throws Exception {
        context.getShutdownStrategy().setTimeout(1);
        StallingCursor cursor = new StallingCursor();
        try {
            CompletableFuture<Exchange> sent = template.asyncSend("direct:stream", e -> e.getMessage().setBody(cursor));
            await("the first record was uploaded").atMost(Duration.ofSeconds(5))
                    .until(() -> clevertap.records().size() == 1);

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
                try {
                    context.getRouteController().stopRoute("stream");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await("the route stops").atMost(Duration.ofSeconds(10)).until(stopped::isDone);

            await("the exchange completes once the route stopped").atMost(Duration.ofSeconds(3)).until(sent::isDone);
            CleverTapDeliveryException failure = (CleverTapDeliveryException) sent.join().getException();
            assertThat(failure.getFirstUnreadIndex()).isEqualTo(1L);
        } finally {
            cursor.release.countDown();
        }
    }
}
