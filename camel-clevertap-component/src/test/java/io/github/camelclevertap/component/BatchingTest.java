package io.github.camelclevertap.component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatchingTest extends CleverTapTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // a batch timeout of a minute: only full batches can explain the requests seen
                from("direct:fullBatches").to(clevertap("profile", "batchTimeout=60000"));
                // long enough for five concurrent senders to start on a loaded machine, short enough for a test
                from("direct:timeout").to(clevertap("profile", "batchTimeout=1000"));
                from("direct:small").to(clevertap("profile", "batchSize=2&batchTimeout=60000"));
            }
        };
    }

    @Test
    void concurrentSingleRecordExchangesShareRequestsOfAThousand() throws Exception {
        List<Map<String, Object>> bodies = profiles(3000);

        List<Exchange> exchanges = sendConcurrently("direct:fullBatches", bodies);

        assertThat(exchanges).allSatisfy(e -> assertThat(e.getException()).isNull());
        assertThat(emulator.stats().batchSizes()).containsExactly(1000, 1000, 1000);
        assertThat(emulator.storedRecords()).hasSize(3000);
    }

    @Test
    void aBatchThatDoesNotFillUpIsSentAfterTheBatchTimeout() throws Exception {
        List<Map<String, Object>> bodies = profiles(5);

        List<Exchange> exchanges = sendConcurrently("direct:timeout", bodies);

        assertThat(exchanges).allSatisfy(e -> assertThat(e.getException()).isNull());
        assertThat(emulator.stats().batchSizes()).containsExactly(5);
    }

    @Test
    void batchSizeCutsSmallerBatches() throws Exception {
        List<Map<String, Object>> bodies = profiles(6);

        sendConcurrently("direct:small", bodies);

        assertThat(emulator.stats().batchSizes()).containsExactly(2, 2, 2);
    }

    @Test
    void anExchangeCompletesOnlyAfterCleverTapAnsweredForItsRecord() throws Exception {
        emulator.setLatency(Duration.ofMillis(300));
        ConcurrentLinkedQueue<Boolean> storedWhenCompleted = new ConcurrentLinkedQueue<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:observed").to(clevertap("profile", "batchTimeout=50"))
                        .process(e -> storedWhenCompleted.add(
                                emulator.storedRecords().contains(e.getMessage().getBody(Map.class))));
            }
        });
        List<Map<String, Object>> bodies = profiles(20);

        sendConcurrently("direct:observed", bodies);

        // the emulator stores before it answers: an exchange released before the answer would not find its record
        assertThat(storedWhenCompleted).hasSize(20).containsOnly(true);
    }
}
