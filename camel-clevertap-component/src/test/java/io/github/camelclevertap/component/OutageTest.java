package io.github.camelclevertap.component;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.camelclevertap.emulator.FaultRates;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CleverTap answers every request with 503 for a while, then recovers. Two bulk sources upload at once, more batches
 * than there are in-flight slots.
 */
class OutageTest extends CleverTapTestSupport {

    private static final int RECORDS_PER_SOURCE = 30_000;
    private static final int BATCH_SIZE = 500;
    private static final long RETRY_DELAY = 20;
    private static final long MAX_RETRY_DELAY = 200;
    /** Records a source may have read ahead of CleverTap's answers: 15 batches. */
    private static final int WINDOW = BATCH_SIZE * 15;
    private static final Pattern IDENTITY = Pattern.compile("\"identity\":\"([^\"]+)\"");

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:bulk").to(clevertap("event", "batchSize=" + BATCH_SIZE + "&retryDelay=" + RETRY_DELAY
                                                          + "&maxRetryDelay=" + MAX_RETRY_DELAY + "&maxRetries=100"));
            }
        };
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void backOffSparesTheApiSourcesWaitAndEverythingIsDeliveredAfterRecovery() throws Exception {
        emulator.faults().random(1, FaultRates.builder().p503(1.0).build());
        long outageStarted = System.nanoTime();
        GeneratedRecords first = events("a");
        GeneratedRecords second = events("b");
        CompletableFuture<Exchange> firstUpload
                = template.asyncSend("direct:bulk", e -> e.getMessage().setBody(first));
        CompletableFuture<Exchange> secondUpload
                = template.asyncSend("direct:bulk", e -> e.getMessage().setBody(second));

        // the outage lasts until every slot has failed about six times
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.stats().requests() >= 15 * 6);
        long requestsDuringOutage = emulator.stats().requests();
        long batchesTriedDuringOutage
                = emulator.requests().stream().map(r -> firstIdentity(r.body())).distinct().count();
        int readByFirst = first.read();
        int readBySecond = second.read();
        long outageMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - outageStarted);
        emulator.faults().clear();

        List<Exchange> exchanges = List.of(firstUpload.get(), secondUpload.get());
        assertThat(exchanges).allSatisfy(exchange -> {
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getHeader(CleverTapConstants.PROCESSED)).isEqualTo(RECORDS_PER_SOURCE);
        });
        Set<Object> stored = new HashSet<>();
        emulator.storedRecords().forEach(record -> stored.add(record.get("identity")));
        assertThat(stored).hasSize(2 * RECORDS_PER_SOURCE);
        assertThat(emulator.storedRecordCount()).as("a 503 stores nothing, so nothing is duplicated")
                .isEqualTo(2 * RECORDS_PER_SOURCE);
        // 30 batches were waiting, but only the 15 holding a slot retry, each on its own back-off schedule
        assertThat(batchesTriedDuringOutage).isLessThanOrEqualTo(15);
        long bound = 15L * attemptsWithin(outageMillis);
        assertThat(requestsDuringOutage).as("requests in a %d ms outage", outageMillis).isLessThanOrEqualTo(bound);
        // neither source was read further ahead than its window while nothing was stored
        assertThat(readByFirst).isLessThanOrEqualTo(WINDOW);
        assertThat(readBySecond).isLessThanOrEqualTo(WINDOW);
        assertThat(emulator.stats().peakInFlight(accountId)).isLessThanOrEqualTo(15);
        System.out.printf("Outage (component): %d ms, %d requests from %d batches during the outage (back-off"
                          + " bound %d), sources read %,d and %,d records ahead (window %,d); after recovery %,d of"
                          + " %,d records stored, %d requests in all, peak in flight %d%n",
                outageMillis, requestsDuringOutage, batchesTriedDuringOutage, bound, readByFirst, readBySecond, WINDOW,
                emulator.storedRecordCount(), 2 * RECORDS_PER_SOURCE, emulator.stats().requests(),
                emulator.stats().peakInFlight(accountId));
    }

    private static String firstIdentity(String body) {
        Matcher identity = IDENTITY.matcher(body);
        return identity.find() ? identity.group(1) : body;
    }

    /**
     * The most attempts one slot can make in the given time: each retry waits at least half its exponential delay.
     */
    private static long attemptsWithin(long millis) {
        long attempts = 1;
        long elapsed = 0;
        for (int retry = 1;; retry++) {
            long delay = Math.min(MAX_RETRY_DELAY, RETRY_DELAY << Math.min(retry - 1, 30));
            elapsed += delay / 2;
            if (elapsed > millis) {
                return attempts;
            }
            attempts++;
        }
    }

    private static GeneratedRecords events(String source) {
        return new GeneratedRecords(RECORDS_PER_SOURCE,
                i -> event(source + "-" + i, "Page Viewed", Map.of("Page", "/p/" + i)));
    }
}
