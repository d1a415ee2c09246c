package io.github.camelclevertap.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.camelclevertap.component.upload.AccountLimiters;
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
 * A {@code toD} over more accounts than its producer cache holds evicts producers whose records are still at
 * CleverTap: they finish as if nothing happened (stored, the exchange completes without error), and the account
 * state of the evicted endpoints is let go once their uploads end.
 */
class EndpointEvictionTest extends CamelTestSupport {

    private static final String PASSCODE = "pc-evict-SECRET";
    private static final int ACCOUNTS = 12;
    private static final int CACHE_SIZE = 3;
    private static final int RECORDS = 3;

    static CleverTapEmulator emulator;
    private final AccountLimiters limiters = new AccountLimiters();

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
        return "ACC-Evict-" + i;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camelContext = super.createCamelContext();
        CleverTapComponent component = new CleverTapComponent();
        component.useAccountLimiters(limiters);
        camelContext.addComponent("clevertap", component);
        return camelContext;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // a short shutdownTimeout: a producer stopped for good would abort the held requests at once
                from("direct:upload")
                        .toD("clevertap:profile?region=eu1&accountId=${header.account}&passcode=" + PASSCODE
                             + "&baseUri=" + emulator.baseUri() + "&batchSize=" + RECORDS
                             + "&shutdownTimeout=500&maxRetries=0", CACHE_SIZE);
            }
        };
    }

    @Test
    void evictedProducersFinishTheirUploads() throws Exception {
        emulator.holdAnswers();
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            int account = i;
            sent.add(template.asyncSend("direct:upload", exchange -> {
                exchange.getMessage().setHeader("account", account(account));
                exchange.getMessage().setBody(IntStream.range(0, RECORDS).mapToObj(r -> Map.of("type", "profile",
                        "identity", "u" + account + "-" + r, "profileData", Map.of("Name", "U" + r))).toList());
            }));
        }
        // every account's batch waits at CleverTap while later accounts evict the producers of earlier ones
        await("every account's request is at CleverTap").atMost(Duration.ofSeconds(20))
                .until(() -> emulator.stats().inFlight() == ACCOUNTS);
        CleverTapComponent component = context.getComponent("clevertap", CleverTapComponent.class);
        assertThat(component.producerCount()).as("evicted producers still hold their uploads").isEqualTo(ACCOUNTS);

        emulator.releaseAnswers();

        for (CompletableFuture<Exchange> future : sent) {
            Exchange exchange = future.get(20, TimeUnit.SECONDS);
            assertThat(exchange.getException()).as("exchange of %s", exchange.getMessage().getHeader("account"))
                    .isNull();
        }
        assertThat(emulator.storedRecordCount()).isEqualTo((long) ACCOUNTS * RECORDS);
        IntStream.range(0, ACCOUNTS).forEach(i -> assertThat(emulator.storedRecords(account(i))).hasSize(RECORDS));
        // the evicted ones let go of their producer and account registration once their uploads ended
        await("idle evicted producers are let go").atMost(Duration.ofSeconds(10))
                .until(() -> component.producerCount() <= CACHE_SIZE);
        assertThat(limiters.accounts()).isLessThanOrEqualTo(CACHE_SIZE);
    }
}
