package io.github.camelclevertap.component.review;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.github.camelclevertap.component.CleverTapComponent;
import io.github.camelclevertap.component.CleverTapDeliveryException;
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
import static org.awaitility.Awaitility.await;

/**
 * Holds (enabled): producers evicted from a toD cache while CleverTap holds their requests are not part of any route
 * any more; a context stop still ends their exchanges in bounded time, every record reported as
 * of unknown outcome (maybe stored), none silently lost.
 */
class EvictedProducersStalledAtCleverTapEndAtContextStopTest extends CamelTestSupport {

    private static final String PASSCODE = "pc-review-evict-SECRET";
    private static final int ACCOUNTS = 8;
    private static final int CACHE_SIZE = 2;

    static CleverTapEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        CleverTapEmulator.Builder builder = CleverTapEmulator.builder();
        IntStream.range(0, ACCOUNTS).forEach(i -> builder.account(account(i), PASSCODE));
        emulator = builder.build().start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    private static String account(int i) {
        return "ACC-Review-EvictStop-" + i;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camelContext = super.createCamelContext();
        camelContext.getShutdownStrategy().setTimeout(2);
        camelContext.addComponent("clevertap", new CleverTapComponent());
        return camelContext;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload")
                        .toD("clevertap:profile?region=eu1&accountId=${header.account}&passcode=" + PASSCODE
                             + "&baseUri=" + emulator.baseUri() + "&batchSize=2&shutdownTimeout=500"
                             + "&requestTimeout=60000&maxRetries=0", CACHE_SIZE);
            }
        };
    }

    @Test
    void aContextStopEndsTheExchangesOfEvictedProducersOnceAndInTime() {
        emulator.holdAnswers();
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            int account = i;
            CompletableFuture<Exchange> future = template.asyncSend("direct:upload", exchange -> {
                exchange.getMessage().setHeader("account", account(account));
                exchange.getMessage().setBody(List.of(
                        Map.of("type", "profile", "identity", "u" + account + "-0", "profileData", Map.of("N", 0)),
                        Map.of("type", "profile", "identity", "u" + account + "-1", "profileData", Map.of("N", 1))));
            });
            sent.add(future);
        }
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
