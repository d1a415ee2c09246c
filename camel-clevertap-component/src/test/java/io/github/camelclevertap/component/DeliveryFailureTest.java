package io.github.camelclevertap.component;

import java.util.List;
import java.util.Map;

import io.github.camelclevertap.emulator.Fault;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request-level failures: what is retried, what is not, and what the exchange carries when records stay undelivered.
 * One request at a time, so the emulator's queued faults meet the requests in a known order.
 */
class DeliveryFailureTest extends CleverTapTestSupport {

    private static final String ONE_AT_A_TIME = "maxConcurrentRequests=1&retryDelay=10&maxRetryDelay=50";

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload").to(clevertap("profile", ONE_AT_A_TIME + "&batchSize=2&maxRetries=2"));
                from("direct:timeout").to(clevertap("profile", ONE_AT_A_TIME + "&requestTimeout=300&batchTimeout=10"));
            }
        };
    }

    @Test
    void tooManyRequestsAndServiceUnavailableAreRetriedUntilDelivered() {
        emulator.faults().enqueue(Fault.status(429), Fault.status(503));

        Exchange exchange = template.send("direct:upload", e -> e.getMessage().setBody(profiles(2)));

        assertThat(exchange.getException()).isNull();
        assertThat(emulator.stats().responsesByStatus()).containsEntry(429, 1L).containsEntry(503, 1L)
                .containsEntry(200, 1L);
        assertThat(emulator.storedRecords()).hasSize(2);
    }

    @Test
    void whenRetriesRunOutTheExceptionCarriesExactlyTheUndeliveredRecords() {
        // first batch goes through, the second meets 503 on its first attempt and both retries
        emulator.faults().enqueue(Fault.none(), Fault.status(503), Fault.status(503), Fault.status(503));
        List<Map<String, Object>> records = profiles(4);

        Exchange exchange = template.send("direct:upload", e -> e.getMessage().setBody(records));

        assertThat(exchange.getException()).isInstanceOfSatisfying(CleverTapDeliveryException.class, failure -> {
            assertThat(failure.getUndeliveredRecords()).extracting(UndeliveredRecord::index).containsExactly(2L, 3L);
            assertThat(failure.getRecords()).containsExactly(records.get(2), records.get(3));
            assertThat(failure.getHttpStatus()).isEqualTo(503);
            assertThat(failure.getMessage()).contains("2 of 4 records were not delivered", "HTTP 503",
                    "gave up after 3 attempts");
        });
        assertThat(exchange.getMessage().getHeaders())
                .containsEntry(CleverTapConstants.STATUS, "partial")
                .containsEntry(CleverTapConstants.PROCESSED, 2)
                .containsEntry(CleverTapConstants.UNPROCESSED, 2);
        assertThat(emulator.storedRecords()).containsExactly(records.get(0), records.get(1));
    }

    @Test
    void badRequestIsNotRetried() {
        emulator.faults().enqueue(Fault.status(400));

        Exchange exchange = template.send("direct:upload", e -> e.getMessage().setBody(profiles(2)));

        assertThat(exchange.getException()).isInstanceOf(CleverTapDeliveryException.class)
                .hasMessageContaining("HTTP 400");
        assertThat(emulator.stats().requests()).isEqualTo(1);
    }

    @Test
    void aDroppedConnectionIsRetried() {
        emulator.faults().enqueue(Fault.dropConnection());

        Exchange exchange = template.send("direct:upload", e -> e.getMessage().setBody(profiles(2)));

        assertThat(exchange.getException()).isNull();
        assertThat(emulator.storedRecords()).hasSize(2);
    }

    @Test
    void anAnswerSlowerThanTheRequestTimeoutIsRetriedAndMayDuplicate() {
        emulator.faults().enqueue(Fault.slowResponse(java.time.Duration.ofMillis(1500)));

        Exchange exchange = template.send("direct:timeout",
                e -> e.getMessage().setBody(profile("slow", Map.of("Name", "Slow"))));

        assertThat(exchange.getException()).isNull();
        // the first attempt was stored although its answer never came in time: CleverTap does not de-duplicate
        assertThat(emulator.storedRecords()).hasSize(2);
    }

    @Test
    void unauthorisedFailsFastNamingTheRegion() {
        Exchange exchange = template.send(
                "clevertap:profile?region=in1&accountId=" + accountId + "&passcode=wrong-passcode&baseUri="
                                          + emulator.baseUri() + "&batchTimeout=10",
                e -> e.getMessage().setBody(profile("1", Map.of("Name", "One"))));

        assertThat(exchange.getException()).isInstanceOfSatisfying(CleverTapDeliveryException.class, failure -> {
            assertThat(failure.getHttpStatus()).isEqualTo(401);
            assertThat(failure.getMessage()).contains("Account ID is not valid",
                    "check the account id, the passcode and the region").doesNotContain("wrong-passcode");
        });
        assertThat(emulator.stats().requests()).as("not retried").isEqualTo(1);
    }

    @Test
    void unauthorisedWithoutBaseUriListsTheOtherRegions() {
        CleverTapEndpoint endpoint = context.getEndpoint(
                "clevertap:profile?region=in1&accountId=A&passcode=P", CleverTapEndpoint.class);

        assertThat(endpoint.authenticationHint())
                .isEqualTo("this endpoint uses region 'in1' (https://in1.api.clevertap.com); an account lives in"
                           + " exactly one region, the others are eu1, us1, sg1, aps3, mec1, sk1");
    }
}
