package io.github.camelclevertap.component.review;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.camelclevertap.component.CleverTapComponent;
import io.github.camelclevertap.component.CleverTapConstants;
import io.github.camelclevertap.component.CleverTapEndpoint;
import io.github.camelclevertap.component.credentials.CleverTapCredentials;
import io.github.camelclevertap.component.upload.InFlightLimiter;
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
 * Holds (enabled): one account sent for at once by the header lanes of two endpoints (of other accounts) and by its
 * own endpoint, all with maxConcurrentRequests=15: CleverTap never sees more than 15 of its requests in flight, the
 * others wait in the JVM's limiter, and every record is stored once CleverTap answers.
 */
class OneAccountAcrossHeaderLanesAndEndpointsStaysWithinFifteenTest extends CamelTestSupport {

    private static final String SHARED = "ACC-Review-Fifteen-shared";
    private static final String A = "ACC-Review-Fifteen-a";
    private static final String B = "ACC-Review-Fifteen-b";
    private static final int EXCHANGES_PER_ROUTE = 12;

    static CleverTapEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        emulator = CleverTapEmulator.builder().account(SHARED, "pc-shared-SECRET").account(A, "pc-a-SECRET")
                .account(B, "pc-b-SECRET").build().start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camelContext = super.createCamelContext();
        CleverTapComponent component = new CleverTapComponent();
        component.setCredentials(new CleverTapCredentials() {
            @Override
            public String passcode(String accountId) {
                return SHARED.equals(accountId) ? "pc-shared-SECRET" : null;
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
                String options = "&baseUri=" + emulator.baseUri() + "&batchSize=1&maxRetries=0";
                from("direct:a").to("clevertap:profile?region=eu1&accountId=" + A + "&passcode=pc-a-SECRET" + options);
                from("direct:b").to("clevertap:profile?region=eu1&accountId=" + B + "&passcode=pc-b-SECRET" + options);
                from("direct:shared").to("clevertap:profile?region=eu1&accountId=" + SHARED
                                         + "&passcode=pc-shared-SECRET" + options);
            }
        };
    }

    @Test
    void theAccountsRequestsInFlightStayWithinFifteen() {
        emulator.holdAnswers();
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < EXCHANGES_PER_ROUTE; i++) {
            for (String route : List.of("direct:a", "direct:b", "direct:shared")) {
                String identity = route + "-" + i;
                sent.add(template.asyncSend(route, exchange -> {
                    exchange.getMessage().setHeader(CleverTapConstants.ACCOUNT_ID, SHARED);
                    exchange.getMessage().setBody(Map.of("type", "profile", "identity", identity,
                            "profileData", Map.of("Name", "N")));
                }));
            }
        }
        InFlightLimiter limiter = context.getEndpoints().stream().filter(CleverTapEndpoint.class::isInstance)
                .map(CleverTapEndpoint.class::cast)
                .filter(e -> SHARED.equals(e.getConfiguration().getAccountId())).findFirst().orElseThrow()
                .getLimiter();
        int total = 3 * EXCHANGES_PER_ROUTE;
        await("every batch is at CleverTap or waits for a slot").atMost(Duration.ofSeconds(20))
                .until(() -> limiter.inFlight() + limiter.waiting() == total && emulator.stats().inFlight() == 15);
        assertThat(emulator.stats().peakInFlight(SHARED)).isEqualTo(15);

        emulator.releaseAnswers();
        for (CompletableFuture<Exchange> future : sent) {
            assertThat(future).succeedsWithin(Duration.ofSeconds(20))
                    .satisfies(exchange -> assertThat(exchange.getException()).isNull());
        }
        assertThat(emulator.storedRecords(SHARED)).hasSize(total);
        assertThat(emulator.stats().peakInFlight(SHARED)).isEqualTo(15);
    }
}
