package io.github.camelclevertap.component.promises;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.camelclevertap.component.RejectedRecord;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Case 4: a List body whose second element is a {@code TreeMap<Integer, Object>} among valid profiles. That element
 * alone is rejected (code 512, an error naming the problem); the exchange completes and the others are stored.
 *
 * <p>On the old code (commit ae82a89), run with the new getters replaced by reflective calls (a temporary variant; these tests do not compile on the old code): "ConditionTimeout Condition with alias 'the exchange
 * completes' didn't complete within 10 seconds": the TreeMap's containsKey("type") throws ClassCastException outside
 * the per-record rejection, the record is counted as fed but never answered, so the exchange never completes.
 */
class UnwritableRecordInListTest extends PromisesTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload").to(uri("profile", "batchTimeout=10&maxRetries=0&shutdownTimeout=1000"));
            }
        };
    }

    @Test
    void integerKeyedMapInListIsRejectedAloneAndTheExchangeCompletes() {
        Map<Integer, Object> integerKeyed = new TreeMap<>(Map.of(1, "x"));
        List<Object> body = List.of(profile(0), integerKeyed, profile(2));

        Exchange exchange = sendAndAwait("direct:upload", body, Duration.ofSeconds(10));

        assertThat(exchange.getException()).isNull();
        List<RejectedRecord> rejected = listHeader(exchange, REJECTED_RECORDS);
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).index()).isEqualTo(1L);
        assertThat(rejected.get(0).code()).isEqualTo(512);
        // the problem: keys that are not text (this TreeMap cannot even be asked for a String key)
        assertThat(rejected.get(0).error()).containsIgnoringCase("key");
        assertThat(exchange.getMessage().getHeader(STATUS)).isEqualTo("partial");
        assertThat(exchange.getMessage().getHeader(PROCESSED)).isEqualTo(2);
        assertThat(clevertap.records()).extracting(r -> r.path("identity").asText()).containsExactly("p0", "p2");
    }
}
