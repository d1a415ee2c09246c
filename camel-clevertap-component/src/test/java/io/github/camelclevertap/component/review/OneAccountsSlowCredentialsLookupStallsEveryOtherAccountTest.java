package io.github.camelclevertap.component.review;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.camelclevertap.component.CleverTapComponent;
import io.github.camelclevertap.component.ManyAccountsTestSupport;
import io.github.camelclevertap.component.credentials.CleverTapCredentials;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Promise: nothing waits forever; accounts are independent. AccountLanes.take calls the opener (and with it
 * CleverTapCredentials.passcode, a vault call) while holding the producer's lanes monitor, and AccountLanes.done takes
 * the same monitor on the completion path. One account whose passcode lookup hangs (a vault that does not answer)
 * blocks every exchange of every other header account of the producer, and the completion of the exchanges already
 * sent: here account B, whose passcode is at hand, cannot send while account SLOW's lookup hangs.
 */
class OneAccountsSlowCredentialsLookupStallsEveryOtherAccountTest extends ManyAccountsTestSupport {

    private static final String OWN = "ACC-Review-Slow-own";
    private static final String SLOW = "ACC-Review-Slow-slow";
    private static final String FAST = "ACC-Review-Slow-fast";

    private final CountDownLatch vaultAnswers = new CountDownLatch(1);
    private final CountDownLatch slowLookupStarted = new CountDownLatch(1);

    @BeforeAll
    static void startEmulator() {
        startEmulator(Map.of(OWN, "pc-own-SECRET", SLOW, "pc-slow-SECRET", FAST, "pc-fast-SECRET"));
    }

    @AfterEach
    void letTheVaultAnswer() {
        vaultAnswers.countDown();
    }

    @Override
    protected void configureComponent(CleverTapComponent component) {
        component.setCredentials(new CleverTapCredentials() {
            @Override
            public String passcode(String accountId) {
                if (SLOW.equals(accountId)) {
                    slowLookupStarted.countDown();
                    try {
                        vaultAnswers.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "pc-slow-SECRET";
                }
                return FAST.equals(accountId) ? "pc-fast-SECRET" : null;
            }

            @Override
            public String describe(String accountId) {
                return "the test's vault";
            }
        });
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return uploadRoute(route -> route.to(clevertap(OWN, "pc-own-SECRET", "&batchSize=1&maxRetries=0")));
    }

    @Test
    void anotherAccountSendsWhileOneAccountsPasscodeLookupHangs() throws Exception {
        CompletableFuture<Exchange> slow = send(SLOW);
        assertThat(slowLookupStarted.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Exchange> fast = send(FAST);

        assertThat(fast).as("the exchange of %s, whose passcode is at hand", FAST)
                .succeedsWithin(Duration.ofSeconds(5))
                .satisfies(exchange -> assertThat(exchange.getException()).isNull());
        vaultAnswers.countDown();
        assertThat(slow).succeedsWithin(Duration.ofSeconds(10));
    }

    private CompletableFuture<Exchange> send(String account) {
        return sendAsync("direct:upload", account, profile("u-" + account, Map.of("Name", "U")));
    }
}
