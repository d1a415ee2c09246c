package io.github.camelclevertap.component.review;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.test.junit6.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

import static org.awaitility.Awaitility.await;

/**
 * A real Camel context per test in front of a {@link ScriptedCleverTap}, with an account of the test class's own (the
 * in-flight limiter is per account and JVM-wide).
 *
 * <p>The tests of this package encode the new delivery contract and use its API
 * ({@code CleverTapDeliveryException.getUnknownRecords()}, {@code getFirstUnreadIndex()}), so they do not compile on
 * the code before it (commit ae82a89). Each was proven to fail there with a temporary variant: every
 * {@code failure.getUnknownRecords()} / {@code failure.getFirstUnreadIndex()} replaced by a reflective call that
 * fails with an AssertionError when the method is missing. The header names are used as strings for the same reason.
 */
abstract class ReviewTestSupport extends CamelTestSupport {

    static final String PASSCODE = "secret-pc";

    static final String STATUS = "CamelCleverTapStatus";
    static final String PROCESSED = "CamelCleverTapProcessed";
    static final String UNPROCESSED = "CamelCleverTapUnprocessed";
    static final String REJECTED_RECORDS = "CamelCleverTapRejectedRecords";
    static final String UNDELIVERED_RECORDS = "CamelCleverTapUndeliveredRecords";
    static final String UNKNOWN_RECORDS = "CamelCleverTapUnknownRecords";

    static ScriptedCleverTap clevertap;
    static String accountId;

    @BeforeAll
    static void startStandIn(TestInfo info) {
        accountId = "ACC-R-" + info.getTestClass().orElseThrow().getSimpleName();
        clevertap = ScriptedCleverTap.start();
    }

    @AfterAll
    static void stopStandIn() {
        clevertap.close();
    }

    @AfterEach
    void resetStandIn() {
        clevertap.reset();
    }

    /** An endpoint URI aimed at the stand-in, with the given extra options. */
    static String uri(String type, String options) {
        return "clevertap:" + type + "?region=eu1&accountId=" + accountId + "&passcode=" + PASSCODE + "&baseUri="
               + clevertap.baseUri() + (options.isEmpty() ? "" : "&" + options);
    }

    static Map<String, Object> profile(int i) {
        return Map.of("type", "profile", "identity", "p" + i, "profileData", Map.of("Name", "P" + i));
    }

    static List<Map<String, Object>> profiles(int count) {
        return IntStream.range(0, count).mapToObj(ReviewTestSupport::profile).toList();
    }

    /** Sends the body and waits (bounded) for the exchange to complete. */
    Exchange sendAndAwait(String uri, Object body, Duration within) {
        CompletableFuture<Exchange> sent = template.asyncSend(uri, e -> e.getMessage().setBody(body));
        // an exception escaping a component thread is not the outcome asked about: the exchange's completion is
        await("the exchange completes").dontCatchUncaughtExceptions().atMost(within).until(sent::isDone);
        return sent.join();
    }

    /**
     * Sends every body as its own exchange without waiting for the one before (the way concurrent webhook calls reach
     * the producer); the futures complete when the exchanges do.
     */
    List<CompletableFuture<Exchange>> sendConcurrently(String uri, List<?> bodies) throws Exception {
        AsyncProducer producer = context.getEndpoint(uri).createAsyncProducer();
        ServiceHelper.startService(producer);
        List<CompletableFuture<Exchange>> done = new ArrayList<>();
        for (Object body : bodies) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setBody(body);
            CompletableFuture<Exchange> future = new CompletableFuture<>();
            done.add(future);
            producer.process(exchange, sync -> future.complete(exchange));
        }
        return done;
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> listHeader(Exchange exchange, String name) {
        return (List<T>) exchange.getMessage().getHeader(name, List.class);
    }
}
