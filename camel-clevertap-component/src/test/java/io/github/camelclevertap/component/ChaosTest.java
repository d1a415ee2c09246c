package io.github.camelclevertap.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelclevertap.component.upload.AccountLimiters;
import io.github.camelclevertap.component.upload.DeliveryFailure;
import io.github.camelclevertap.component.upload.InFlightLimiter;
import io.github.camelclevertap.component.upload.UploadListener;
import io.github.camelclevertap.emulator.CleverTapEmulator;
import io.github.camelclevertap.emulator.FaultRates;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every answer kind and fault at once, at random: odd answers from the emulator (200 with status fail, stalled
 * bodies, entries without numbers or records, entries out of order, a wrong `processed`), 503, 429, dropped
 * connections, late answers; bodies of every shape (single records, lists, iterators that fail, records that cannot
 * be built or break CleverTap's rules); concurrent exchanges; listeners that throw; and stops in the middle. After
 * each run: every exchange completed exactly once, every record read has exactly one outcome, what is reported stored
 * is stored and what is reported undelivered is not, every slot came back, and the server never saw more than the
 * limit at once.
 */
class ChaosTest {

    private static final String PASSCODE = "chaos-passcode";
    private static final long REQUEST_TIMEOUT = 200;
    private static final AtomicInteger RUNS = new AtomicInteger();

    record Scenario(long seed, FaultRates faults, int batchSize, int maxConcurrent, int maxRetries, boolean validate,
                    List<Body> bodies, boolean stopEarly, boolean throwingListener) {
    }

    /** One exchange's body: how many records, in which shape, and where it breaks. */
    record Body(String shape, int records, int brokenAt, int invalidEvery, int failAfter) {
    }

    @Property(tries = 12)
    void everyPromiseHoldsWhateverHappens(@ForAll("scenarios") Scenario scenario) throws Exception {
        String account = "CHAOS-" + RUNS.incrementAndGet();
        AccountLimiters limiters = new AccountLimiters();
        try (CleverTapEmulator emulator = CleverTapEmulator.builder().account(account, PASSCODE)
                .latency(Duration.ofMillis(2)).build().start()) {
            emulator.faults().random(scenario.seed(), scenario.faults());
            CamelContext context = new DefaultCamelContext();
            CleverTapComponent component = new CleverTapComponent();
            component.useAccountLimiters(limiters);
            context.addComponent("clevertap", component);
            context.getShutdownStrategy().setTimeout(1);
            if (scenario.throwingListener()) {
                context.getRegistry().bind("flaky", (UploadListenerFactory) producer -> new ThrowingListener());
            }
            String uri = "clevertap:profile?region=eu1&accountId=" + account + "&baseUri=" + emulator.baseUri()
                         + "&batchSize=" + scenario.batchSize() + "&batchTimeout=20&maxConcurrentRequests="
                         + scenario.maxConcurrent() + "&maxRetries=" + scenario.maxRetries()
                         + "&retryDelay=20&maxRetryDelay=100&requestTimeout=" + REQUEST_TIMEOUT
                         + "&shutdownTimeout=500&validate=" + scenario.validate();
            component.getConfiguration().setPasscode(PASSCODE);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").routeId("chaos").to(uri);
                }
            });
            context.start();
            InFlightLimiter limiter = ((CleverTapEndpoint) context.getEndpoints().stream()
                    .filter(CleverTapEndpoint.class::isInstance).findFirst().orElseThrow()).getLimiter();

            List<Exchange> exchanges = new ArrayList<>();
            List<AtomicInteger> completions = new ArrayList<>();
            AsyncProducer producer = context.getEndpoint("direct:in").createAsyncProducer();
            ServiceHelper.startService(producer);
            for (int e = 0; e < scenario.bodies().size(); e++) {
                Exchange exchange = new DefaultExchange(context);
                exchange.getMessage().setBody(body(account, e, scenario.bodies().get(e)));
                AtomicInteger completed = new AtomicInteger();
                exchanges.add(exchange);
                completions.add(completed);
                producer.process(exchange, sync -> completed.incrementAndGet());
            }
            if (scenario.stopEarly()) {
                context.stop();
            }
            // generous: with one request at a time, every abandoned request rests its slot (a run that generated
            // 1,400 one-record batches at a limit of 1 took longer than 30 s without waiting for anything wrongly)
            await("every exchange completes").atMost(Duration.ofSeconds(120))
                    .until(() -> completions.stream().allMatch(c -> c.get() >= 1));
            ServiceHelper.stopService(producer);
            context.stop();

            Set<Object> held = new HashSet<>();
            emulator.storedRecords(account).forEach(r -> held.add(r.get("identity")));
            for (int e = 0; e < exchanges.size(); e++) {
                assertThat(completions.get(e).get()).as("exchange %d completed exactly once", e).isEqualTo(1);
                checkOutcomes(account, e, scenario.bodies().get(e), exchanges.get(e), held);
            }
            // a slot of an abandoned request rests one request timeout before it is given back
            await("every slot comes back").atMost(Duration.ofSeconds(10)).until(() -> limiter.inFlight() == 0);
            assertThat(limiter.granted()).isEqualTo(limiter.released());
            await("the account is forgotten").atMost(Duration.ofSeconds(5)).until(() -> limiters.accounts() == 0);
            assertThat(emulator.stats().peakInFlight(account)).as("requests at once at the server")
                    .isLessThanOrEqualTo(scenario.maxConcurrent());
        }
    }

    private static void checkOutcomes(String account, int e, Body body, Exchange exchange, Set<Object> held) {
        Map<String, Object> headers = exchange.getMessage().getHeaders();
        assertThat(headers).as("exchange %d headers", e).containsKeys(CleverTapConstants.STATUS,
                CleverTapConstants.PROCESSED, CleverTapConstants.REJECTED_RECORDS,
                CleverTapConstants.UNDELIVERED_RECORDS, CleverTapConstants.UNKNOWN_RECORDS);
        long read = body.records();
        if (exchange.getException() instanceof CleverTapDeliveryException failure
            && failure.getFirstUnreadIndex() >= 0) {
            read = failure.getFirstUnreadIndex();
        } else if (body.failAfter() >= 0) {
            assertThat(exchange.getException()).as("exchange %d: a failing body fails the exchange", e)
                    .isInstanceOf(CleverTapDeliveryException.class);
        }
        BitSet outcome = new BitSet();
        Set<Long> notStored = new HashSet<>();
        for (RejectedRecord r : list(headers.get(CleverTapConstants.REJECTED_RECORDS), RejectedRecord.class)) {
            assertThat(outcome.get((int) r.index())).as("one outcome for record %d of exchange %d", r.index(), e)
                    .isFalse();
            outcome.set((int) r.index());
            notStored.add(r.index());
        }
        List<UndeliveredRecord> undelivered = list(headers.get(CleverTapConstants.UNDELIVERED_RECORDS),
                UndeliveredRecord.class);
        for (UndeliveredRecord r : undelivered) {
            assertThat(outcome.get((int) r.index())).as("one outcome for record %d of exchange %d", r.index(), e)
                    .isFalse();
            outcome.set((int) r.index());
            assertThat(held).as("an undelivered record is not stored").doesNotContain(identity(account, e, r.index()));
        }
        for (UndeliveredRecord r : list(headers.get(CleverTapConstants.UNKNOWN_RECORDS), UndeliveredRecord.class)) {
            assertThat(outcome.get((int) r.index())).as("one outcome for record %d of exchange %d", r.index(), e)
                    .isFalse();
            outcome.set((int) r.index());
        }
        int stored = (Integer) headers.get(CleverTapConstants.PROCESSED);
        assertThat(outcome.cardinality() + stored).as("exchange %d: every record read has an outcome", e)
                .isEqualTo((int) read);
        for (long i = 0; i < read; i++) {
            if (!outcome.get((int) i)) {
                assertThat(held).as("record %d of exchange %d is reported stored", i, e)
                        .contains(identity(account, e, i));
            }
        }
        if (!undelivered.isEmpty() || outcome.cardinality() > notStored.size()) {
            assertThat(exchange.getException()).isInstanceOf(CleverTapDeliveryException.class);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object header, Class<T> type) {
        return header == null ? List.of() : (List<T>) header;
    }

    private static String identity(String account, int exchange, long index) {
        return account + "-e" + exchange + "-r" + index;
    }

    private static Object body(String account, int e, Body body) {
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < body.records(); i++) {
            records.add(record(account, e, i, body));
        }
        return switch (body.shape()) {
            case "single" -> records.get(0);
            case "list" -> records;
            default -> new Iterator<Object>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < records.size();
                }

                @Override
                public Object next() {
                    if (next == body.failAfter()) {
                        throw new IllegalStateException("the source broke at record " + next);
                    }
                    if (next >= records.size()) {
                        throw new NoSuchElementException();
                    }
                    return records.get(next++);
                }
            };
        };
    }

    private static Object record(String account, int e, int i, Body body) {
        if (i == body.brokenAt()) {
            // a record no rule foresaw: non-text keys
            TreeMap<Integer, Object> broken = new TreeMap<>();
            broken.put(i, "x");
            return broken;
        }
        boolean invalid = body.invalidEvery() > 0 && i % body.invalidEvery() == body.invalidEvery() - 1;
        return Map.of("type", "profile", "identity", identity(account, e, i), "profileData",
                invalid ? Map.of("Email", "not-an-email") : Map.of("Name", "N" + i));
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Double> p = Arbitraries.doubles().between(0, 0.1);
        Arbitrary<FaultRates> faults = Combinators.combine(p, p, p, p, p, p, p, p).as((a, b, c, d, f, g, h, i) ->
                FaultRates.builder().p503(a).p429(b).pDrop(c / 2).pDropAfterStore(c / 2).pSlow(d / 2)
                        .slowDelay(Duration.ofMillis(REQUEST_TIMEOUT * 3 / 2)).pFail200(f).pStalledBody(g)
                        .stallDelay(Duration.ofMillis(REQUEST_TIMEOUT * 3)).pUnnumbered(h).pUnnumberedUnechoed(d / 2)
                        .pShuffled(i).pWrongProcessed(a / 2).build());
        Arbitrary<Body> body = Combinators.combine(Arbitraries.of("single", "list", "iterator", "iterator"),
                Arbitraries.integers().between(1, 200), Arbitraries.integers().between(-1, 200),
                Arbitraries.of(0, 3, 7, 50), Arbitraries.integers().between(-1, 200))
                .as((shape, records, brokenAt, invalidEvery, failAfter) -> {
                    int n = shape.equals("single") ? 1 : records;
                    return new Body(shape, n, brokenAt < n ? brokenAt : -1, invalidEvery,
                            shape.equals("iterator") && failAfter < n && failAfter >= 0 ? failAfter : -1);
                });
        return Combinators.combine(Arbitraries.longs(), faults, Arbitraries.integers().between(10, 100),
                Arbitraries.of(1, 3, 15), Arbitraries.integers().between(0, 2), Arbitraries.of(true, false, false),
                body.list().ofMinSize(1).ofMaxSize(25), Arbitraries.of(false, false, true))
                .as((seed, rates, batchSize, maxConcurrent, maxRetries, validate, bodies, stopEarly) -> new Scenario(
                        seed, rates, batchSize, maxConcurrent, maxRetries, validate, bodies, stopEarly,
                        seed % 3 == 0));
    }

    /** Throws from every call, every other time. */
    private static final class ThrowingListener implements UploadListener {
        private final AtomicInteger calls = new AtomicInteger();

        private void maybeThrow() {
            if (calls.incrementAndGet() % 2 == 0) {
                throw new IllegalStateException("listener broke");
            }
        }

        @Override
        public void requestStarted(int records) {
            maybeThrow();
        }

        @Override
        public void requestFinished(long nanos) {
            maybeThrow();
        }

        @Override
        public void recordsAnswered(int stored, int rejected) {
            maybeThrow();
        }

        @Override
        public void recordsUndelivered(int records, DeliveryFailure failure) {
            maybeThrow();
        }

        @Override
        public void retried(int records) {
            maybeThrow();
        }

        @Override
        public void requestUnanswered(int records) {
            maybeThrow();
        }
    }
}
