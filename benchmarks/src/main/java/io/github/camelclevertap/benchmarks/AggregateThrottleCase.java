package io.github.camelclevertap.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;

/**
 * Case 5, the do-it-yourself baseline: {@code aggregate} into lists of 1000, {@code throttle(15)
 * .concurrentRequestsMode()}, JSON marshalling into {@code {"d":[...]}} and camel-http.
 *
 * <p>It lacks the acknowledgement promise: an incoming exchange completes as soon as it is aggregated, so the sender
 * never waits and never learns whether CleverTap stored its record (the route reads only the HTTP status). The run
 * ends when the route has had an HTTP answer for every batch.
 */
final class AggregateThrottleCase implements BenchmarkCase {

    /** More threads than the throttle lets through, so that the throttle is what caps requests in flight. */
    private static final int UPLOAD_THREADS = 20;
    private static final String BATCH_SIZE = "benchmarkBatchSize";

    @Override
    public String id() {
        return "aggregate-throttle";
    }

    @Override
    public String title() {
        return "5. baseline: aggregate(1000) + throttle(15) + camel-http";
    }

    @Override
    public long records(int latencyMillis) {
        return latencyMillis >= 100 ? 450_000 : 600_000;
    }

    @Override
    public Run prepare(Trial trial) throws Exception {
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        CountDownLatch allAnswered = new CountDownLatch(1);
        return new CamelRun("direct:diy", new RouteBuilder() {
            @Override
            public void configure() {
                ExecutorService uploads = getContext().getExecutorServiceManager()
                        .newFixedThreadPool(this, "diy-upload", UPLOAD_THREADS);
                from("direct:diy").routeId("aggregate-throttle")
                        .aggregate(constant(true), AggregationStrategies.groupedBody())
                        .completionSize(1000).completionTimeout(trial.batchTimeoutMs())
                        .parallelProcessing().executorService(uploads)
                        .throttle(15).concurrentRequestsMode()
                        .process(e -> {
                            List<?> records = e.getMessage().getBody(List.class);
                            e.setProperty(BATCH_SIZE, records.size());
                            e.getMessage().setBody(Map.of("d", records));
                        })
                        .marshal().json()
                        .process(new CleverTapHeaders(trial))
                        .doTry()
                            .to(trial.uploadUri().toString())
                            .process(e -> count(acknowledged, e.getProperty(BATCH_SIZE, Integer.class)))
                        .doCatch(Exception.class)
                            .process(e -> count(failed, e.getProperty(BATCH_SIZE, Integer.class)))
                        .end();
            }

            private void count(AtomicLong counter, int records) {
                counter.addAndGet(records);
                if (acknowledged.get() + failed.get() >= trial.records()) {
                    allAnswered.countDown();
                }
            }
        }) {
            @Override
            public Outcome execute() throws Exception {
                // the sender's exchanges complete on aggregation: its window never fills
                Outcome sent = WindowedSender.send(context, producer, trial.records(), trial.window(), Records::event);
                if (!allAnswered.await(10, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("The aggregated batches got no answer in 10 minutes");
                }
                return new Outcome(acknowledged.get(), failed.get() + sent.failed(), sent.maxPending());
            }
        };
    }
}
