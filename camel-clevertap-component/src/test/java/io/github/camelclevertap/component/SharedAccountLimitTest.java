package io.github.camelclevertap.component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SharedAccountLimitTest extends CleverTapTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:profiles").to(clevertap("profile", "batchSize=100"));
                from("direct:events").to(clevertap("event", "batchSize=100"));
            }
        };
    }

    @Test
    void twoEndpointsOfOneAccountNeverExceedFifteenRequestsTogether() throws Exception {
        emulator.setLatency(Duration.ofMillis(30));
        List<Map<String, Object>> profiles = IntStream.range(0, 10_000)
                .mapToObj(i -> profile("p-" + i, Map.of("Name", "P" + i))).toList();
        List<Map<String, Object>> events = IntStream.range(0, 10_000)
                .mapToObj(i -> event("e-" + i, "Clicked", Map.of("n", i))).toList();

        CompletableFuture<Exchange> profileUpload
                = template.asyncSend("direct:profiles", e -> e.getMessage().setBody(profiles.iterator()));
        CompletableFuture<Exchange> eventUpload
                = template.asyncSend("direct:events", e -> e.getMessage().setBody(events.iterator()));
        List<Exchange> exchanges = List.of(profileUpload.get(), eventUpload.get());

        assertThat(exchanges).allSatisfy(e -> assertThat(e.getException()).isNull());
        assertThat(emulator.storedRecords()).hasSize(20_000);
        assertThat(emulator.stats().responsesByStatus()).containsOnlyKeys(200);
        // both endpoints together filled the account's 15 slots, and never went past them
        assertThat(emulator.stats().peakInFlight()).isEqualTo(15);
    }
}
