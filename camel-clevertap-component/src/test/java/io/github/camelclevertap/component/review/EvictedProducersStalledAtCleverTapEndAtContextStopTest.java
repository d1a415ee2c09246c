package io.github.camelclevertap.component.review;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.camelclevertap.component.ManyAccountsTestSupport;
import io.github.camelclevertap.component.CleverTapDeliveryException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Holds (enabled): producers evicted from a toD cache while CleverTap holds their requests are not part of any route
 * any more; a context stop still ends their exchanges in bounded time, every record reported as
 * of unknown outcome (maybe stored), none silently lost.
 */
class EvictedProducersStalledAtCleverTapEndAtContextStopTest extends ManyAccountsTestSupport {

    private static final String PASSCODE = "pc-review-evict-SECRET";
    private static final int ACCOUNTS = 8;
    private static final int CACHE_SIZE = 2;
    private static final List<String> ACCOUNT_IDS = numberedAccounts("ACC-Review-EvictStop-", ACCOUNTS);


    @BeforeAll
    static void startEmulator() {
        startEmulator(PASSCODE, ACCOUNT_IDS);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camelContext = super.createCamelContext();
        camelContext.getShutdownStrategy().setTimeout(2);
        return camelContext;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return uploadRoute(route -> route
                .toD(clevertap("${header.account}", PASSCODE, "&batchSize=2&shutdownTimeout=500"
                               + "&requestTimeout=60000&maxRetries=0"), CACHE_SIZE));
    }

    @Test
    void aContextStopEndsTheExchangesOfEvictedProducersOnceAndInTime() {
        emulator.holdAnswers();
        List<CompletableFuture<Exchange>> sent = sendToEach("direct:upload", "account", ACCOUNT_IDS, account ->
                List.of(profile("u" + account + "-0", Map.of("N", 0)), profile("u" + account + "-1", Map.of("N", 1))));
        await().atMost(Duration.ofSeconds(20)).until(() -> emulator.stats().inFlight() == ACCOUNTS);

        CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> context.stop());
        assertThat(stop).as("the context stops").succeedsWithin(Duration.ofSeconds(20));

        for (CompletableFuture<Exchange> future : sent) {
            assertThat(future).succeedsWithin(Duration.ofSeconds(5)).satisfies(exchange ->
                    assertThat(exchange.getException()).isInstanceOfSatisfying(CleverTapDeliveryException.class,
                            failure -> assertThat(failure.getUnknownRecords()).hasSize(2)));
        }
        emulator.releaseAnswers();
    }
}
