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
import static org.awaitility.Awaitility.await;

class ShutdownTest extends CleverTapTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // the batch timeout is far longer than the test: only the stop can send these records
                from("direct:upload").routeId("upload").to(clevertap("profile", "batchTimeout=600000"));
            }
        };
    }

    @Test
    void stoppingSendsWhatWasBatchedAndWaitsForTheAnswer() throws Exception {
        emulator.setLatency(Duration.ofMillis(200));
        List<CompletableFuture<Exchange>> sent = IntStream.range(0, 5)
                .mapToObj(i -> template.asyncSend("direct:upload",
                        e -> e.getMessage().setBody(profile("u" + i, Map.of("Name", "U" + i)))))
                .toList();
        await().atMost(Duration.ofSeconds(10)).until(() -> context.getInflightRepository().size() == 5);
        assertThat(emulator.stats().requests()).isZero();

        context.stop();

        assertThat(emulator.stats().batchSizes()).containsExactly(5);
        assertThat(emulator.storedRecords()).hasSize(5);
        for (CompletableFuture<Exchange> future : sent) {
            Exchange exchange = future.get();
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getHeader(CleverTapConstants.STATUS)).isEqualTo("success");
        }
    }
}
