package io.github.camelclevertap.component.review;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelclevertap.component.CleverTapComponent;
import io.github.camelclevertap.component.ManyAccountsTestSupport;
import io.github.camelclevertap.component.upload.AccountLimiters;
import io.github.camelclevertap.component.upload.InFlightLimiter;
import io.github.camelclevertap.component.upload.UploadPermits;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Promise: every exchange completes exactly once, whatever throws. A header account's lane is closed when its last
 * exchange completes (AccountLanes.done, run from ExchangeUpload.completeIfDone before the exchange's callback). When
 * the uploadPermits layer's registration throws on close (a shared store unreachable at that moment), the exception
 * escapes completeIfDone after the COMPLETED flag was set, the callback never runs and the exchange waits forever,
 * although CleverTap stored its record.
 */
class IdleAccountCloseThatThrowsNeverCompletesTheExchangeTest extends ManyAccountsTestSupport {

    private static final String OWN = "ACC-Review-CloseThrows-own";
    private static final String OTHER = "ACC-Review-CloseThrows-other";

    private final ClosingFails shared = new ClosingFails();

    @BeforeAll
    static void startEmulator() {
        startEmulator(Map.of(OWN, "pc-own-SECRET", OTHER, "pc-other-SECRET"));
    }

    @Override
    protected void configureComponent(CleverTapComponent component) {
        component.setUploadPermits(shared);
        component.setCredentials(credentials(Map.of(OTHER, "pc-other-SECRET")));
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return uploadRoute(route -> route.to(clevertap(OWN, "pc-own-SECRET", "&batchSize=1&maxRetries=0")));
    }

    @Test
    void theLastExchangeOfAnAccountCompletesEvenWhenClosingItsRegistrationThrows() {
        CompletableFuture<Exchange> sent
                = sendAsync("direct:upload", OTHER, List.of(profile("u1", Map.of("Name", "U1"))));

        assertThat(sent).as("the exchange of account %s completes", OTHER).succeedsWithin(Duration.ofSeconds(10))
                .satisfies(exchange -> assertThat(exchange.getException()).isNull());
        assertThat(emulator.storedRecords(OTHER)).hasSize(1);
        assertThat(shared.closes.get()).isEqualTo(1);
    }

    /** A shared store whose registrations cannot be closed (unreachable at that moment); permits work. */
    static final class ClosingFails implements UploadPermits {

        private final AccountLimiters store = new AccountLimiters();
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public AccountPermits register(String accountId, int limit, long requestTimeoutMillis) {
            InFlightLimiter.Registration registration = store.register(accountId, limit, 15);
            return new AccountPermits() {
                @Override
                public Request acquire(Callback callback) {
                    return registration.acquire(callback);
                }

                @Override
                public void close() {
                    closes.incrementAndGet();
                    registration.close();
                    throw new IllegalStateException("store unreachable while closing the registration");
                }
            };
        }
    }
}
