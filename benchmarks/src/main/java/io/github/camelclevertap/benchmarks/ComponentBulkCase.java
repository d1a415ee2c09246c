package io.github.camelclevertap.benchmarks;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.camelclevertap.component.CleverTapConstants;
import io.github.camelclevertap.component.upload.UploadPermits;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultExchange;

/**
 * Case 2, the bulk shape: one exchange whose body is an {@link Iterator} over all records, made on demand. The
 * component reads it no further ahead than the records in flight and completes the exchange when CleverTap has
 * answered for all of them.
 */
class ComponentBulkCase implements BenchmarkCase {

    @Override
    public String id() {
        return "bulk";
    }

    @Override
    public String title() {
        return "2. component, one Iterator body";
    }

    @Override
    public long records(int latencyMillis) {
        return latencyMillis >= 100 ? 450_000 : 1_000_000;
    }

    @Override
    public Run prepare(Trial trial) throws Exception {
        return new CamelRun("direct:bulk", new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:bulk").routeId("bulk").to(trial.clevertapUri("event"));
            }
        }, uploadPermits()) {
            @Override
            public Outcome execute() throws Exception {
                Exchange exchange = new DefaultExchange(context);
                exchange.getMessage().setBody(new GeneratedRecords(trial.records()));
                CountDownLatch done = new CountDownLatch(1);
                producer.process(exchange, doneSync -> done.countDown());
                if (!done.await(10, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("The bulk exchange got no answer in 10 minutes");
                }
                Integer processed = exchange.getMessage().getHeader(CleverTapConstants.PROCESSED, Integer.class);
                long stored = processed == null ? 0 : processed;
                return new Outcome(stored, trial.records() - stored, 1);
            }
        };
    }

    /** The component's uploadPermits for a run; none (the JVM's limit alone) here. */
    UploadPermits uploadPermits() throws Exception {
        return null;
    }

    private static final class GeneratedRecords implements Iterator<Object> {
        private final long total;
        private long next;

        GeneratedRecords(long total) {
            this.total = total;
        }

        @Override
        public boolean hasNext() {
            return next < total;
        }

        @Override
        public Object next() {
            if (next >= total) {
                throw new NoSuchElementException();
            }
            return Records.event(next++);
        }
    }
}
