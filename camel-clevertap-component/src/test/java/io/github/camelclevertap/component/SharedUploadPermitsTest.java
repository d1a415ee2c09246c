package io.github.camelclevertap.component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.github.camelclevertap.component.upload.AccountLimiters;
import io.github.camelclevertap.component.upload.InFlightLimiter;
import io.github.camelclevertap.component.upload.UploadPermits;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.service.ServiceSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The component's uploadPermits option with a stand-in for a shared store: found in the registry, asked after the
 * JVM's own limiter, both permits given back once, and a store that cannot grant fails the batch without sending.
 */
class SharedUploadPermitsTest extends CleverTapTestSupport {

    private static final int SHARED_LIMIT = 4;

    @BindToRegistry("sharedPermits")
    private final StandInPermits shared = new StandInPermits();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:events").to(clevertap("event", "batchSize=100&maxRetries=0"));
            }
        };
    }

    @Test
    void sharedPermitsAreAutowiredAndCapTheRequestsTogetherWithTheLocalOnes() throws Exception {
        emulator.setLatency(Duration.ofMillis(30));
        List<Map<String, Object>> events = IntStream.range(0, 3_000)
                .mapToObj(i -> event("e-" + i, "Clicked", Map.of("n", i))).toList();

        Exchange exchange = template.send("direct:events", e -> e.getMessage().setBody(events.iterator()));

        assertThat(exchange.getException()).isNull();
        assertThat(context.getComponent("clevertap", CleverTapComponent.class).getUploadPermits()).isSameAs(shared);
        assertThat(shared.isStarted()).isTrue();
        assertThat(emulator.storedRecords()).hasSize(3_000);
        assertThat(emulator.stats().peakInFlight()).isEqualTo(SHARED_LIMIT);
        InFlightLimiter sharedLimiter = shared.limiter;
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(sharedLimiter.granted()).isEqualTo(30).isEqualTo(sharedLimiter.released());
            assertThat(endpointLimiter().inFlight()).isZero();
        });
    }

    @Test
    void aStoreThatCannotGrantFailsTheBatchAsUndeliveredWithoutSending() {
        shared.failing = true;
        List<Map<String, Object>> events = IntStream.range(0, 250)
                .mapToObj(i -> event("e-" + i, "Clicked", Map.of("n", i))).toList();

        Exchange exchange = template.send("direct:events", e -> e.getMessage().setBody(events));

        assertThat(exchange.getException()).isInstanceOfSatisfying(CleverTapDeliveryException.class, failure -> {
            assertThat(failure.getUndeliveredRecords()).hasSize(250);
            assertThat(failure.getUnknownRecords()).isEmpty();
            assertThat(failure.getMessage()).contains("no upload slot could be had", "store unreachable");
        });
        assertThat(emulator.stats().requests()).isZero();
        assertThat(shared.failures.get()).isEqualTo(3);
        // the local permits came back with the failure
        assertThat(endpointLimiter().inFlight()).isZero();
    }

    private InFlightLimiter endpointLimiter() {
        return context.getEndpoints().stream().filter(CleverTapEndpoint.class::isInstance)
                .map(e -> ((CleverTapEndpoint) e).getLimiter()).findFirst().orElseThrow();
    }

    /** A store of its own limit, in memory; fails every request while {@link #failing}. */
    static final class StandInPermits extends ServiceSupport implements UploadPermits {

        private final AccountLimiters store = new AccountLimiters();
        private final AtomicInteger failures = new AtomicInteger();
        private volatile InFlightLimiter limiter;
        private volatile boolean failing;

        @Override
        public AccountPermits register(String accountId, int limit, long requestTimeoutMillis) {
            if (!isStarted()) {
                throw new IllegalStateException("not started");
            }
            InFlightLimiter.Registration registration = store.register(accountId, SHARED_LIMIT, SHARED_LIMIT);
            limiter = registration.limiter();
            return new AccountPermits() {
                @Override
                public Request acquire(Callback callback) {
                    if (failing) {
                        failures.incrementAndGet();
                        callback.failed(new IllegalStateException("store unreachable"));
                        return () -> false;
                    }
                    return registration.acquire(callback);
                }

                @Override
                public void close() {
                    registration.close();
                }
            };
        }
    }
}
