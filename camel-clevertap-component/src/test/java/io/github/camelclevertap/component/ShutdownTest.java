package io.github.camelclevertap.component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.github.camelclevertap.component.upload.InFlightLimiter;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ShutdownTest extends CleverTapTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // the batch timeout is far longer than the test: only the stop can send these records
                from("direct:upload").routeId("upload").to(clevertap("profile", "batchTimeout=600000"));
                // batches of 2 go out at once
                from("direct:pairs").routeId("pairs")
                        .to(clevertap("profile", "batchSize=2&shutdownTimeout=500&retryDelay=300&maxRetryDelay=300"
                                                 + "&requestTimeout=4000"));
            }
        };
    }

    @Test
    void stoppingSendsWhatWasBatchedAndWaitsForTheAnswer() throws Exception {
        emulator.setLatency(Duration.ofMillis(200));
        List<CompletableFuture<Exchange>> sent = IntStream.range(0, 5)
                .mapToObj(i -> template.asyncSend("direct:upload",
                        e -> e.getMessage().setBody(profile("u" + i, Map.of("Name", "U" + i)))))
                .toList();
        await().atMost(Duration.ofSeconds(10)).until(() -> context.getInflightRepository().size() == 5);
        assertThat(emulator.stats().requests()).isZero();

        context.stop();

        assertThat(emulator.stats().batchSizes()).containsExactly(5);
        assertThat(emulator.storedRecords()).hasSize(5);
        for (CompletableFuture<Exchange> future : sent) {
            Exchange exchange = future.get();
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getHeader(CleverTapConstants.STATUS)).isEqualTo("success");
        }
    }

    @Test
    void stoppingWaitsForRequestsInFlight() throws Exception {
        emulator.setLatency(Duration.ofMillis(400));
        List<CompletableFuture<Exchange>> sent = sendPairs(3);
        // (requests of another test may still be sleeping in the emulator)
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.stats().inFlight() >= 3);

        context.stop();

        assertThat(emulator.storedRecords()).hasSize(6);
        for (CompletableFuture<Exchange> future : sent) {
            assertThat(future.get().getException()).isNull();
        }
    }

    @Test
    void aBatchBackingOffAtStopIsRetriedBeforeTheProducerStops() throws Exception {
        emulator.faults().enqueue(io.github.camelclevertap.emulator.Fault.status(503));
        List<CompletableFuture<Exchange>> sent = sendPairs(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.stats().responses(503) == 1);

        context.stop();

        assertThat(emulator.stats().responsesByStatus()).containsEntry(503, 1L).containsEntry(200, 1L);
        assertThat(emulator.storedRecords()).hasSize(2);
        assertThat(sent.get(0).get().getException()).isNull();
    }

    @Test
    void stoppingWaitsNoLongerThanTheShutdownTimeoutAndKeepsTheSlotsWhileCleverTapMayStillWork() throws Exception {
        // Camel first waits for in-flight exchanges (its shutdown strategy's timeout), then stops the producer, which
        // waits shutdownTimeout (500 ms) for CleverTap's answers and then aborts the requests
        context.getShutdownStrategy().setTimeout(1);
        emulator.setLatency(Duration.ofSeconds(20));
        List<CompletableFuture<Exchange>> sent = sendPairs(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.stats().inFlight() >= 2);
        InFlightLimiter limiter = context.getEndpoints().stream().filter(CleverTapEndpoint.class::isInstance)
                .map(e -> ((CleverTapEndpoint) e).getLimiter()).findFirst().orElseThrow();
        long started = System.nanoTime();

        context.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        for (CompletableFuture<Exchange> future : sent) {
            assertThat(future.get(5, java.util.concurrent.TimeUnit.SECONDS).getException())
                    .isInstanceOfSatisfying(CleverTapDeliveryException.class, failure -> {
                        assertThat(failure.getMessage()).contains("the producer stopped before CleverTap answered");
                        // sent, and CleverTap may store them yet: unknown, not undelivered
                        assertThat(failure.getUnknownRecords()).hasSize(2);
                        assertThat(failure.getUndeliveredRecords()).isEmpty();
                    });
        }
        // the emulator still works on both requests: their slots rest for the request timeout (4 s) first
        assertThat(emulator.stats().inFlight()).isEqualTo(2);
        assertThat(limiter.inFlight()).as("slots of requests CleverTap may still be working on").isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> limiter.inFlight() == 0);
        assertThat(limiter.granted()).isEqualTo(limiter.released());
        emulator.setLatency(Duration.ZERO);
    }

    private List<CompletableFuture<Exchange>> sendPairs(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> template.asyncSend("direct:pairs",
                        e -> e.getMessage().setBody(List.of(profile("p" + i + "a", Map.of("Name", "A")),
                                profile("p" + i + "b", Map.of("Name", "B"))))))
                .toList();
    }
}
