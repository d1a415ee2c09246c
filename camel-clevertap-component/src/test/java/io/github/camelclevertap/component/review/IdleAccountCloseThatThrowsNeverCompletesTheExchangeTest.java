package io.github.camelclevertap.component.review;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelclevertap.component.CleverTapComponent;
import io.github.camelclevertap.component.CleverTapConstants;
import io.github.camelclevertap.component.credentials.CleverTapCredentials;
import io.github.camelclevertap.component.upload.AccountLimiters;
import io.github.camelclevertap.component.upload.InFlightLimiter;
import io.github.camelclevertap.component.upload.UploadPermits;
import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit6.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
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
class IdleAccountCloseThatThrowsNeverCompletesTheExchangeTest extends CamelTestSupport {

    private static final String OWN = "ACC-Review-CloseThrows-own";
    private static final String OTHER = "ACC-Review-CloseThrows-other";

    static CleverTapEmulator emulator;
    private final ClosingFails shared = new ClosingFails();

    @BeforeAll
    static void startEmulator() {
        emulator = CleverTapEmulator.builder().account(OWN, "pc-own-SECRET").account(OTHER, "pc-other-SECRET")
                .build().start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camelContext = super.createCamelContext();
        CleverTapComponent component = new CleverTapComponent();
        component.setUploadPermits(shared);
        component.setCredentials(new CleverTapCredentials() {
            @Override
            public String passcode(String accountId) {
                return OTHER.equals(accountId) ? "pc-other-SECRET" : null;
            }

            @Override
            public String describe(String accountId) {
                return "the test's map";
            }
        });
        camelContext.addComponent("clevertap", component);
        return camelContext;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload").to("clevertap:profile?region=eu1&accountId=" + OWN + "&passcode=pc-own-SECRET"
                                         + "&baseUri=" + emulator.baseUri() + "&batchSize=1&maxRetries=0");
            }
        };
    }

    @Test
    void theLastExchangeOfAnAccountCompletesEvenWhenClosingItsRegistrationThrows() {
        CompletableFuture<Exchange> sent = template.asyncSend("direct:upload", exchange -> {
            exchange.getMessage().setHeader(CleverTapConstants.ACCOUNT_ID, OTHER);
            exchange.getMessage().setBody(List.of(Map.of("type", "profile", "identity", "u1",
                    "profileData", Map.of("Name", "U1"))));
        });

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
