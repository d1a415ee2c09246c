package io.github.camelclevertap.benchmarks;

import java.util.List;
import java.util.Map;

import org.apache.camel.builder.RouteBuilder;

/**
 * Case 4, the baseline of hosted tools: every record is its own {@code POST /1/upload} through camel-http, 15 at a
 * time. It reads only the HTTP status, as those tools do, so a record CleverTap skips with HTTP 200 counts as sent.
 */
final class OneRecordPerRequestCase implements BenchmarkCase {

    static final int CONCURRENCY = 15;

    @Override
    public String id() {
        return "one-per-request";
    }

    @Override
    public String title() {
        return "4. baseline: one record per request (camel-http, 15 threads)";
    }

    @Override
    public long records(int latencyMillis) {
        // 15 / L records a second at best: keep every latency to a few seconds
        if (latencyMillis >= 100) {
            return 600;
        }
        return latencyMillis >= 20 ? 3_000 : 20_000;
    }

    @Override
    public Run prepare(Trial trial) throws Exception {
        return new CamelRun("direct:one", new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:one").routeId("one-per-request")
                        .threads(CONCURRENCY, CONCURRENCY).maxQueueSize(trial.window()).threadName("one-per-request")
                        .process(e -> e.getMessage().setBody(Map.of("d", List.of(e.getMessage().getBody()))))
                        .marshal().json()
                        .process(new CleverTapHeaders(trial))
                        .to(trial.uploadUri().toString());
            }
        }) {
            @Override
            public Outcome execute() throws Exception {
                return WindowedSender.send(context, producer, trial.records(), trial.window(), Records::event);
            }
        };
    }
}
