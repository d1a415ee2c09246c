package io.github.camelclevertap.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.test.junit6.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Camel context per test against a CleverTap emulator on loopback, with an account of the test class's own
 * (the in-flight limit is per account and JVM-wide, so test classes must not share accounts).
 */
abstract class CleverTapTestSupport extends CamelTestSupport {

    static final String PASSCODE = "pc-7f3a9c1e-SECRET";

    static CleverTapEmulator emulator;
    static String accountId;

    @BeforeAll
    static void startEmulator(org.junit.jupiter.api.TestInfo info) {
        accountId = "ACC-" + info.getTestClass().orElseThrow().getSimpleName();
        emulator = CleverTapEmulator.builder().account(accountId, PASSCODE).build().start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @AfterEach
    void resetEmulator() {
        emulator.reset();
    }

    /**
     * Registers Camel's producer health checks (off by default; applications turn them on with
     * `camel.health.producersEnabled`), so {@link #producerCheck(String)} can read them.
     */
    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camelContext = super.createCamelContext();
        ManyAccountsTestSupport.enableProducerHealthChecks(camelContext);
        return camelContext;
    }

    /** The readiness result of the clevertap producer in the route with this id. */
    HealthCheck.Result producerCheck(String routeId) {
        return HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().equals("producer:clevertap-" + routeId))
                .findFirst().orElseThrow();
    }

    /**
     * A clevertap endpoint URI aimed at the emulator, with the given extra options.
     */
    static String clevertap(String type, String options) {
        return "clevertap:" + type + "?region=eu1&accountId=" + accountId + "&passcode=" + PASSCODE
               + "&baseUri=" + emulator.baseUri() + (options.isEmpty() ? "" : "&" + options);
    }

    static Map<String, Object> profile(String identity, Map<String, Object> profileData) {
        return Map.of("type", "profile", "identity", identity, "profileData", profileData);
    }

    /** Profiles `u0`, `u1`, ... each with a `Name`. */
    static List<Map<String, Object>> profiles(int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> profile("u" + i, Map.of("Name", "U" + i))).toList();
    }

    static Map<String, Object> event(String identity, String name, Map<String, Object> evtData) {
        return Map.of("type", "event", "identity", identity, "evtName", name, "evtData", evtData);
    }

    /**
     * Sends every body as its own exchange to the endpoint (usually `direct:` in front of a route) without waiting for the one before, and waits until all have completed:
     * the way concurrent webhook calls reach the producer.
     */
    List<Exchange> sendConcurrently(String uri, List<?> bodies) throws Exception {
        AsyncProducer producer = context.getEndpoint(uri).createAsyncProducer();
        ServiceHelper.startService(producer);
        List<Exchange> exchanges = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(bodies.size());
        for (Object body : bodies) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setBody(body);
            exchanges.add(exchange);
        }
        for (Exchange exchange : exchanges) {
            producer.process(exchange, sync -> done.countDown());
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).as("all exchanges completed").isTrue();
        ServiceHelper.stopService(producer);
        return exchanges;
    }
}
