package io.github.camelclevertap.component;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamingUploadTest extends CleverTapTestSupport {

    private static final int RECORDS = 100_000;

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:bulk").to(clevertap("event", ""));
            }
        };
    }

    @Test
    void aHundredThousandRecordIteratorStreamsWithinTheInFlightLimit() {
        emulator.setLatency(Duration.ofMillis(100));
        GeneratedEvents events = new GeneratedEvents(RECORDS);

        Exchange exchange = template.send("direct:bulk", e -> e.getMessage().setBody(events));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeaders())
                .containsEntry(CleverTapConstants.STATUS, "success")
                .containsEntry(CleverTapConstants.PROCESSED, RECORDS)
                .containsEntry(CleverTapConstants.UNPROCESSED, 0);
        assertThat(emulator.storedRecords()).hasSize(RECORDS)
                .extracting(r -> r.get("identity")).doesNotHaveDuplicates();
        assertThat(emulator.stats().batchSizes()).hasSizeGreaterThanOrEqualTo(RECORDS / 1000).containsOnly(1000);
        // the window is 15 batches: a streaming body fills every slot, and never more
        assertThat(emulator.stats().peakInFlight()).isEqualTo(15);
        // a slot reused the instant its answer was read can race the server's own count (as with CleverTap): a 429
        // then is retried, and every record is still stored once
        assertThat(emulator.stats().responsesByStatus().keySet()).isSubsetOf(200, 429);
        // memory is bounded by the in-flight batches: the producer never reads more than 15 batches ahead
        assertThat(events.maxAheadOfStored.get()).isLessThanOrEqualTo(15 * 1000);
        System.out.printf("100,000-record iterator: %d requests, mean batch %.0f, peak in flight %d,"
                          + " read at most %d records ahead of CleverTap%n",
                emulator.stats().requests(), emulator.stats().meanBatchSize(), emulator.stats().peakInFlight(),
                events.maxAheadOfStored.get());
    }

    /** Makes records on demand and notes how far reading runs ahead of what the emulator has stored. */
    private static final class GeneratedEvents implements Iterator<Map<String, Object>> {
        private final int total;
        private final AtomicLong maxAheadOfStored = new AtomicLong();
        private int next;

        GeneratedEvents(int total) {
            this.total = total;
        }

        @Override
        public boolean hasNext() {
            return next < total;
        }

        @Override
        public Map<String, Object> next() {
            long ahead = (next + 1) - emulator.storedRecordCount();
            maxAheadOfStored.accumulateAndGet(ahead, Math::max);
            int i = next++;
            return event("user-" + i, "Page Viewed", Map.of("Page", "/p/" + i));
        }
    }
}
