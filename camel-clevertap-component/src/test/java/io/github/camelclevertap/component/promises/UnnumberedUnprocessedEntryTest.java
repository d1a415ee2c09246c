package io.github.camelclevertap.component.promises;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelclevertap.component.RejectedRecord;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static io.github.camelclevertap.component.promises.ScriptedCleverTap.answer;
import static io.github.camelclevertap.component.promises.ScriptedCleverTap.computed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Case 2: an {@code unprocessed} entry without "Skipped record number" but with the echoed {@code record} is matched
 * to the batch record equal to it: that record is rejected with the entry's code, the others are stored.
 *
 * <p>On the old code (commit ae82a89), run with the new getters replaced by reflective calls (a temporary variant; these tests do not compile on the old code): failed at the first assertion, the exchange failed as a
 * whole: "expected: null but was: CleverTapDeliveryException: 3 of 3 records were not delivered to CleverTap:
 * CleverTap skipped 1 record(s) of the request without saying which: Event discarded".
 */
class UnnumberedUnprocessedEntryTest extends PromisesTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:events").to(uri("event", "batchTimeout=10&maxRetries=2&retryDelay=10"));
            }
        };
    }

    static Map<String, Object> event(int i) {
        return Map.of("type", "event", "identity", "p" + i, "evtName", "Visited " + i, "evtData", Map.of("Page", i));
    }

    @Test
    void entryWithoutRecordNumberRejectsTheEchoedRecordAndStoresTheOthers() {
        // CleverTap's answer for a discarded event: no record number in the error, the record echoed as sent
        clevertap.then(computed(request -> {
            JsonNode second = request.path("d").get(1);
            return answer(200, "{\"status\":\"partial\",\"processed\":2,\"unprocessed\":[{\"status\":\"fail\","
                               + "\"code\":528,\"error\":\"Event discarded\",\"record\":" + second + "}]}");
        }));

        Exchange exchange = sendAndAwait("direct:events", List.of(event(0), event(1), event(2)),
                Duration.ofSeconds(10));

        assertThat(exchange.getException()).isNull();
        List<RejectedRecord> rejected = listHeader(exchange, REJECTED_RECORDS);
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).index()).isEqualTo(1L);
        assertThat(rejected.get(0).code()).isEqualTo(528);
        assertThat(exchange.getMessage().getHeader(STATUS)).isEqualTo("partial");
        assertThat(exchange.getMessage().getHeader(PROCESSED)).isEqualTo(2);
        assertThat(exchange.getMessage().getHeader(UNPROCESSED)).isEqualTo(1);
        assertThat(listHeader(exchange, UNDELIVERED_RECORDS)).isEmpty();
        assertThat(listHeader(exchange, UNKNOWN_RECORDS)).isEmpty();
        // nothing replayed: exactly one request, now and a moment later
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> clevertap.requestCount() == 1);
    }
}
