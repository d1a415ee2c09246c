package io.github.camelclevertap.component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.github.camelclevertap.component.upload.AccountLimiters;
import io.github.camelclevertap.component.upload.InFlightLimiter;
import io.github.camelclevertap.component.upload.UploadPermits;
import io.github.camelclevertap.emulator.Fault;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.service.ServiceSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A shared permit that is no longer valid when its batch retries (its lease lapsed while the store was away): the batch
 * gives it back and retries in a new one; every permit, shared and local, is given back exactly once.
 */
class LostSharedPermitTest extends CleverTapTestSupport {

    @BindToRegistry("sharedPermits")
    private final LosingPermits shared = new LosingPermits();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:events").to(clevertap("event",
                        "batchSize=100&maxConcurrentRequests=1&maxRetries=2&retryDelay=10&maxRetryDelay=10"));
            }
        };
    }

    @Test
    void aBatchWhosePermitIsLostRetriesInANewOne() {
        emulator.faults().enqueue(Fault.status(503));
        List<Map<String, Object>> events = IntStream.range(0, 50)
                .mapToObj(i -> event("e-" + i, "Clicked", Map.of("n", i))).toList();

        Exchange exchange = template.send("direct:events", e -> e.getMessage().setBody(events));

        assertThat(exchange.getException()).isNull();
        assertThat(emulator.storedRecords()).hasSize(50);
        assertThat(emulator.stats().requests()).isEqualTo(2);
        InFlightLimiter limiter = shared.limiter;
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            // the first permit, lost, and the one the retry was sent in
            assertThat(limiter.granted()).isEqualTo(2).isEqualTo(limiter.released());
            assertThat(shared.checked.get()).isGreaterThanOrEqualTo(1);
        });
    }

    /** A store whose first permit is lost (not valid any more) by the time it is checked. */
    static final class LosingPermits extends ServiceSupport implements UploadPermits {

        private final AccountLimiters store = new AccountLimiters();
        private final AtomicInteger grants = new AtomicInteger();
        private final AtomicInteger checked = new AtomicInteger();
        private volatile InFlightLimiter limiter;

        @Override
        public AccountPermits register(String accountId, int limit, long requestTimeoutMillis) {
            InFlightLimiter.Registration registration = store.register(accountId, limit, limit);
            limiter = registration.limiter();
            return new AccountPermits() {
                @Override
                public Request acquire(Callback callback) {
                    return registration.acquire(new Callback() {
                        @Override
                        public void granted(Permit permit) {
                            boolean lost = grants.incrementAndGet() == 1;
                            callback.granted(new Permit() {
                                @Override
                                public void release() {
                                    permit.release();
                                }

                                @Override
                                public void releaseAfter(long delayMillis) {
                                    permit.releaseAfter(delayMillis);
                                }

                                @Override
                                public boolean isValid() {
                                    checked.incrementAndGet();
                                    return !lost;
                                }
                            });
                        }

                        @Override
                        public void failed(Throwable cause) {
                            callback.failed(cause);
                        }
                    });
                }

                @Override
                public void close() {
                    registration.close();
                }
            };
        }
    }
}
