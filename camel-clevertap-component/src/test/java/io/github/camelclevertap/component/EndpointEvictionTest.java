package io.github.camelclevertap.component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.camelclevertap.component.upload.AccountLimiters;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code toD} over more accounts than its producer cache holds evicts producers whose records are still at
 * CleverTap: they finish as if nothing happened (stored, the exchange completes without error), and the account
 * state of the evicted endpoints is let go once their uploads end.
 */
class EndpointEvictionTest extends ManyAccountsTestSupport {

    private static final String PASSCODE = "pc-evict-SECRET";
    private static final int ACCOUNTS = 12;
    private static final int CACHE_SIZE = 3;
    private static final int RECORDS = 3;
    private static final List<String> ACCOUNT_IDS = numberedAccounts("ACC-Evict-", ACCOUNTS);

    private final AccountLimiters limiters = new AccountLimiters();

    @BeforeAll
    static void startEmulator() {
        startEmulator(PASSCODE, ACCOUNT_IDS);
    }

    @Override
    protected void configureComponent(CleverTapComponent component) {
        component.useAccountLimiters(limiters);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        // a short shutdownTimeout: a producer stopped for good would abort the held requests at once
        return uploadRoute(route -> route
                .toD(clevertap("${header.account}", PASSCODE, "&batchSize=" + RECORDS
                               + "&shutdownTimeout=500&maxRetries=0"), CACHE_SIZE));
    }

    @Test
    void evictedProducersFinishTheirUploads() throws Exception {
        emulator.holdAnswers();
        List<CompletableFuture<Exchange>> sent = sendToEach("direct:upload", "account", ACCOUNT_IDS, account ->
                IntStream.range(0, RECORDS).mapToObj(r -> profile("u" + account + "-" + r, Map.of("Name", "U" + r)))
                        .toList());
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
        ACCOUNT_IDS.forEach(account -> assertThat(emulator.storedRecords(account)).hasSize(RECORDS));
        // the evicted ones let go of their producer and account registration once their uploads ended
        await("idle evicted producers are let go").atMost(Duration.ofSeconds(10))
                .until(() -> component.producerCount() <= CACHE_SIZE);
        assertThat(limiters.accounts()).isLessThanOrEqualTo(CACHE_SIZE);
    }
}
