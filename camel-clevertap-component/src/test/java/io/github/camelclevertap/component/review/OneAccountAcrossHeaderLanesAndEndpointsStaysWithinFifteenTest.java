package io.github.camelclevertap.component.review;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.camelclevertap.component.CleverTapComponent;
import io.github.camelclevertap.component.ManyAccountsTestSupport;
import io.github.camelclevertap.component.CleverTapEndpoint;
import io.github.camelclevertap.component.upload.InFlightLimiter;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Holds (enabled): one account sent for at once by the header lanes of two endpoints (of other accounts) and by its
 * own endpoint, all with maxConcurrentRequests=15: CleverTap never sees more than 15 of its requests in flight, the
 * others wait in the JVM's limiter, and every record is stored once CleverTap answers.
 */
class OneAccountAcrossHeaderLanesAndEndpointsStaysWithinFifteenTest extends ManyAccountsTestSupport {

    private static final String SHARED = "ACC-Review-Fifteen-shared";
    private static final String A = "ACC-Review-Fifteen-a";
    private static final String B = "ACC-Review-Fifteen-b";
    private static final int EXCHANGES_PER_ROUTE = 12;


    @BeforeAll
    static void startEmulator() {
        startEmulator(Map.of(SHARED, "pc-shared-SECRET", A, "pc-a-SECRET", B, "pc-b-SECRET"));
    }

    @Override
    protected void configureComponent(CleverTapComponent component) {
        component.setCredentials(credentials(Map.of(SHARED, "pc-shared-SECRET")));
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                String options = "&batchSize=1&maxRetries=0";
                from("direct:a").to(clevertap(A, "pc-a-SECRET", options));
                from("direct:b").to(clevertap(B, "pc-b-SECRET", options));
                from("direct:shared").to(clevertap(SHARED, "pc-shared-SECRET", options));
            }
        };
    }

    @Test
    void theAccountsRequestsInFlightStayWithinFifteen() {
        emulator.holdAnswers();
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < EXCHANGES_PER_ROUTE; i++) {
            for (String route : List.of("direct:a", "direct:b", "direct:shared")) {
                sent.add(sendAsync(route, SHARED, profile(route + "-" + i, Map.of("Name", "N"))));
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
