package io.github.camelclevertap.component.promises;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelclevertap.component.RejectedRecord;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;

import static io.github.camelclevertap.component.promises.ScriptedCleverTap.answer;
import static io.github.camelclevertap.component.promises.ScriptedCleverTap.computed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Guard (passes): many concurrent exchanges sharing batches, every third of the first 30 requests answered 503 (retried with only the
 * records left), the others a numbered partial answer rejecting the "bad" records of that request. Every exchange
 * completes exactly once with exactly its bad records rejected (by their own index) and the rest stored.
 */
class ConcurrentExchangesOutcomeTest extends PromisesTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
            }
        };
    }

    @Test
    void everyExchangeCompletesOnceWithExactlyItsOwnOutcomes() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        for (int i = 0; i < 3000; i++) {
            clevertap.then(computed(request -> {
                int number = requests.incrementAndGet();
                if (number % 3 == 0 && number < 30) {
                    return answer(503, "{\"status\":\"fail\",\"error\":\"busy\",\"code\":503}");
                }
                StringBuilder entries = new StringBuilder();
                JsonNode d = request.path("d");
                int bad = 0;
                for (int n = 0; n < d.size(); n++) {
                    if (d.get(n).path("identity").asText().startsWith("bad")) {
                        entries.append(bad++ == 0 ? "" : ",").append("{\"status\":\"fail\",\"code\":515,"
                                + "\"error\":\"Email is not valid.Skipped record number : ").append(n + 1).append("\"}");
                    }
                }
                String status = bad == 0 ? "success" : bad == d.size() ? "fail" : "partial";
                return answer(200, "{\"status\":\"" + status + "\",\"processed\":" + (d.size() - bad)
                                   + ",\"unprocessed\":[" + entries + "]}");
            }));
        }
        AsyncProducer producer = context.getEndpoint(uri("profile",
                "batchSize=7&batchTimeout=5&maxConcurrentRequests=3&maxRetries=10&retryDelay=1&maxRetryDelay=2"))
                .createAsyncProducer();
        ServiceHelper.startService(producer);

        int exchanges = 150;
        List<Exchange> sent = new ArrayList<>();
        Map<Exchange, AtomicInteger> callbacks = new HashMap<>();
        Map<Exchange, List<Long>> badIndices = new HashMap<>();
        for (int e = 0; e < exchanges; e++) {
            int size = 1 + e % 5;
            List<Map<String, Object>> body = new ArrayList<>();
            List<Long> bad = new ArrayList<>();
            for (int r = 0; r < size; r++) {
                boolean isBad = (e + r) % 4 == 0;
                if (isBad) {
                    bad.add((long) r);
                }
                body.add(Map.of("type", "profile", "identity", (isBad ? "bad-" : "ok-") + e + "-" + r,
                        "profileData", Map.of("Name", "N")));
            }
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setBody(body);
            AtomicInteger count = new AtomicInteger();
            callbacks.put(exchange, count);
            badIndices.put(exchange, bad);
            sent.add(exchange);
            CompletableFuture.runAsync(() -> producer.process(exchange, sync -> count.incrementAndGet()));
        }

        await("every exchange completes").atMost(Duration.ofSeconds(20))
                .until(() -> callbacks.values().stream().allMatch(c -> c.get() >= 1));
        await("exactly once").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> callbacks.values().stream().allMatch(c -> c.get() == 1));
        for (Exchange exchange : sent) {
            List<RejectedRecord> rejected = listHeader(exchange, REJECTED_RECORDS);
            int size = ((List<?>) exchange.getMessage().getBody()).size();
            assertThat(exchange.getException()).isNull();
            assertThat(rejected).extracting(RejectedRecord::index).containsExactlyElementsOf(badIndices.get(exchange));
            assertThat(exchange.getMessage().getHeader(PROCESSED, Integer.class))
                    .isEqualTo(size - badIndices.get(exchange).size());
        }
    }
}
