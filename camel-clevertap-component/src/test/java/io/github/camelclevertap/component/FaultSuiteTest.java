package io.github.camelclevertap.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.camelclevertap.emulator.Fault;
import io.github.camelclevertap.emulator.FaultRates;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200,000 records through the component against an emulator that misbehaves at random: 5% of the requests are
 * answered 503, 2% 429, 1% lose their connection, 1% are stored but answered half a request timeout after the client
 * gave up (the server still works on them while the client's back-off has long passed) and 0.5% are stored but lose
 * their connection before the answer. Every record must end up stored or handed back with its reason, the only
 * duplicates are records of requests whose answer came too late, and no more than 15 requests are ever in flight at
 * the server, retries included: the slot of an abandoned request rests a request timeout before it is used again.
 */
class FaultSuiteTest extends CleverTapTestSupport {

    private static final int RECORDS = 200_000;
    private static final int BATCH_SIZE = 200;
    /** Every 100th record has an invalid email, which CleverTap refuses with code 515. */
    private static final int INVALID_EVERY = 100;
    private static final long REQUEST_TIMEOUT_MILLIS = 1000;
    private static final FaultRates FAULTS = FaultRates.builder().p503(0.05).p429(0.02).pDrop(0.01).pSlow(0.01)
            .slowDelay(Duration.ofMillis(REQUEST_TIMEOUT_MILLIS * 3 / 2)).pDropAfterStore(0.005).build();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // validate=false: CleverTap (the emulator) refuses the invalid records, inside batches that fault;
                // the first back-off (200 to 400 ms) is shorter than what the server still spends on a timed-out
                // request (500 ms), so only the resting slot keeps the server at 15
                from("direct:bulk").routeId("bulk").to(clevertap("profile", "validate=false&batchSize=" + BATCH_SIZE
                                                            + "&requestTimeout=" + REQUEST_TIMEOUT_MILLIS
                                                            + "&retryDelay=400&maxRetryDelay=2000"));
            }
        };
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyRecordIsStoredOrHandedBackWithItsReason() {
        emulator.faults().random(20261123L, FAULTS);
        long started = System.nanoTime();

        GeneratedRecords records = new GeneratedRecords(RECORDS, FaultSuiteTest::profile);
        Exchange exchange = template.send("direct:bulk", e -> e.getMessage().setBody(records));

        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        BitSet outcomes = new BitSet(RECORDS);
        List<RejectedRecord> rejected
                = exchange.getMessage().getHeader(CleverTapConstants.REJECTED_RECORDS, List.class);
        for (RejectedRecord record : rejected) {
            assertThat(record.index() % INVALID_EVERY).as("only the invalid records are refused").isEqualTo(99);
            assertThat(record.code()).isEqualTo(515);
            assertThat(record.error()).contains("Email is not valid");
            assertThat(outcomes.get((int) record.index())).as("one outcome per record").isFalse();
            outcomes.set((int) record.index());
        }
        List<UndeliveredRecord> undelivered = new ArrayList<>();
        if (exchange.getException() instanceof CleverTapDeliveryException failure) {
            undelivered.addAll(failure.getUndeliveredRecords());
            undelivered.addAll(failure.getUnknownRecords());
        }
        if (undelivered.isEmpty()) {
            assertThat(exchange.getException()).isNull();
        }
        for (UndeliveredRecord record : undelivered) {
            assertThat(outcomes.get((int) record.index())).as("one outcome per record").isFalse();
            outcomes.set((int) record.index());
        }
        int stored = exchange.getMessage().getHeader(CleverTapConstants.PROCESSED, Integer.class);
        assertThat(stored + rejected.size() + undelivered.size()).isEqualTo(RECORDS);

        // what the component says was stored, CleverTap holds; what it holds more than once came from late answers
        List<Map<String, Object>> held = emulator.storedRecords();
        Set<Object> distinct = new HashSet<>();
        held.forEach(record -> distinct.add(record.get("identity")));
        List<Integer> storedButMissing = new ArrayList<>();
        for (int i = outcomes.nextClearBit(0); i < RECORDS; i = outcomes.nextClearBit(i + 1)) {
            if (!distinct.contains("u" + i)) {
                storedButMissing.add(i);
            }
        }
        assertThat(storedButMissing).as("records reported stored that CleverTap does not hold").isEmpty();
        long duplicated = held.size() - distinct.size();
        long lateAnswers = emulator.faults().injected(Fault.Kind.SLOW_RESPONSE);
        long droppedAfterStore = emulator.faults().injected(Fault.Kind.DROP_AFTER_STORE);
        assertThat(lateAnswers).as("the run met late answers").isPositive();
        assertThat(droppedAfterStore).as("the run met connections dropped after storing").isPositive();
        // a request without an answer (the late ones, and any other the load on the machine made miss the timeout)
        // is the only way to a duplicate
        long withoutAnswer = (Long) producerCheck("bulk").getDetails().get("clevertap.records.without.answer");
        assertThat(withoutAnswer).isGreaterThanOrEqualTo((lateAnswers + droppedAfterStore) * (BATCH_SIZE - 2));
        assertThat(duplicated).as("duplicates only from requests without an answer").isLessThanOrEqualTo(withoutAnswer);
        assertThat(emulator.stats().responsesByStatus()).containsKeys(0, 200, 429, 503);
        assertThat(emulator.stats().peakInFlight(accountId)).as("CleverTap never saw more than 15 requests at once")
                .isLessThanOrEqualTo(15);
        assertThat(limiterPeak()).isLessThanOrEqualTo(15);

        System.out.printf("Fault suite (component): %,d records in %,d ms, %,d requests %s; stored %,d, rejected %,d,"
                          + " undelivered %,d, duplicated %,d (%d requests answered after the timeout, %d dropped after"
                          + " storing, %,d records without an answer), peak in flight %d%n",
                RECORDS, millis, emulator.stats().requests(), emulator.stats().responsesByStatus(), stored,
                rejected.size(), undelivered.size(), duplicated, lateAnswers, droppedAfterStore, withoutAnswer,
                emulator.stats().peakInFlight(accountId));
    }

    private int limiterPeak() {
        return context.getEndpoints().stream().filter(CleverTapEndpoint.class::isInstance)
                .map(CleverTapEndpoint.class::cast).mapToInt(e -> e.getLimiter().peakInFlight()).max().orElseThrow();
    }

    /** Profile `u{i}`; every 100th one with an invalid email. */
    private static Map<String, Object> profile(int i) {
        return profile("u" + i, i % INVALID_EVERY == 99 ? Map.of("Email", "not-an-email") : Map.of("Name", "U" + i));
    }
}
