package io.github.camelclevertap.benchmarks;

import org.apache.camel.builder.RouteBuilder;

/**
 * Case 1, the webhook shape: one exchange per record, many at once, into a route that ends in {@code clevertap:}. The
 * component gathers the concurrent exchanges into shared batches; each exchange completes when CleverTap has answered
 * for its record.
 */
final class ComponentWebhookCase implements BenchmarkCase {

    @Override
    public String id() {
        return "webhook";
    }

    @Override
    public String title() {
        return "1. component, concurrent single-record exchanges";
    }

    @Override
    public long records(int latencyMillis) {
        return latencyMillis >= 100 ? 450_000 : 500_000;
    }

    @Override
    public Run prepare(Trial trial) throws Exception {
        return new CamelRun("direct:webhook", new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:webhook").routeId("webhook").to(trial.clevertapUri("event"));
            }
        }) {
            @Override
            public Outcome execute() throws Exception {
                return WindowedSender.send(context, producer, trial.records(), trial.window(), Records::event);
            }
        };
    }
}
