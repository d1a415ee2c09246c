package io.github.camelclevertap.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import io.github.camelclevertap.component.credentials.CleverTapCredentials;
import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.health.DefaultHealthCheckRegistry;
import org.apache.camel.impl.health.ProducersHealthCheckRepository;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.test.junit6.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;

/**
 * A Camel context whose clevertap component serves many accounts (header accounts, {@code toD} endpoints, several
 * routes) against one CleverTap emulator of the test class's own: starting the emulator with the accounts, the
 * component a test configures, endpoint URIs and the exchanges sent per account.
 */
public abstract class ManyAccountsTestSupport extends CamelTestSupport {

    protected static CleverTapEmulator emulator;

    /** Starts the emulator with these accounts, each with its passcode. */
    protected static void startEmulator(Map<String, String> passcodes) {
        CleverTapEmulator.Builder builder = CleverTapEmulator.builder();
        passcodes.forEach(builder::account);
        emulator = builder.build().start();
    }

    /** Starts the emulator with these accounts, all with the same passcode. */
    protected static void startEmulator(String passcode, List<String> accounts) {
        CleverTapEmulator.Builder builder = CleverTapEmulator.builder();
        accounts.forEach(account -> builder.account(account, passcode));
        emulator = builder.build().start();
    }

    @AfterAll
    static void closeEmulator() {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    /** Accounts {@code prefix0}, {@code prefix1}, ... */
    protected static List<String> numberedAccounts(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    /** Sets up the context's clevertap component (credentials, limiters, permits); nothing by default. */
    protected void configureComponent(CleverTapComponent component) throws Exception {
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camelContext = super.createCamelContext();
        CleverTapComponent component = new CleverTapComponent();
        configureComponent(component);
        camelContext.addComponent("clevertap", component);
        return camelContext;
    }

    /**
     * Registers Camel's producer health checks (off by default; applications turn them on with
     * `camel.health.producersEnabled`).
     */
    protected static void enableProducerHealthChecks(CamelContext camelContext) {
        DefaultHealthCheckRegistry registry = new DefaultHealthCheckRegistry();
        registry.setCamelContext(camelContext);
        ProducersHealthCheckRepository producers = new ProducersHealthCheckRepository();
        producers.setEnabled(true);
        registry.register(producers);
        camelContext.getCamelContextExtension().addContextPlugin(HealthCheckRegistry.class, registry);
    }

    /** A clevertap profile endpoint URI for this account (or a {@code toD} expression) aimed at the emulator. */
    protected static String clevertap(String accountId, String passcode, String options) {
        return "clevertap:profile?region=eu1&accountId=" + accountId + "&passcode=" + passcode + "&baseUri="
               + emulator.baseUri() + options;
    }

    /** The route from direct:upload, completed by the test: its id, the endpoint it sends to. */
    protected static RoutesBuilder uploadRoute(Consumer<RouteDefinition> route) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                route.accept(from("direct:upload"));
            }
        };
    }

    /** Credentials that know only these passcodes, described as "the test's map". */
    protected static CleverTapCredentials credentials(Map<String, String> passcodes) {
        return new CleverTapCredentials() {
            @Override
            public String passcode(String accountId) {
                return passcodes.get(accountId);
            }

            @Override
            public String describe(String accountId) {
                return "the test's map";
            }
        };
    }

    protected static Map<String, Object> profile(String identity, Map<String, Object> profileData) {
        return Map.of("type", "profile", "identity", identity, "profileData", profileData);
    }

    /** Sends the body with the account in the given header (none when null) and waits for the exchange. */
    protected Exchange send(String uri, String header, String account, Object body) {
        return template.send(uri, exchange -> {
            if (account != null) {
                exchange.getMessage().setHeader(header, account);
            }
            exchange.getMessage().setBody(body);
        });
    }

    /** Sends the body for the account named by the header CamelCleverTapAccountId and waits for the exchange. */
    protected Exchange send(String uri, String account, Object body) {
        return send(uri, CleverTapConstants.ACCOUNT_ID, account, body);
    }

    /** Sends the body with the account in the given header without waiting. */
    protected CompletableFuture<Exchange> sendAsync(String uri, String header, String account, Object body) {
        return template.asyncSend(uri, exchange -> {
            exchange.getMessage().setHeader(header, account);
            exchange.getMessage().setBody(body);
        });
    }

    /** Sends the body for the account named by the header CamelCleverTapAccountId without waiting. */
    protected CompletableFuture<Exchange> sendAsync(String uri, String account, Object body) {
        return sendAsync(uri, CleverTapConstants.ACCOUNT_ID, account, body);
    }

    /** Sends one exchange per account, the i-th account's body built from i, without waiting. */
    protected List<CompletableFuture<Exchange>> sendToEach(String uri, String header, List<String> accounts,
            IntFunction<Object> body) {
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            sent.add(sendAsync(uri, header, accounts.get(i), body.apply(i)));
        }
        return sent;
    }
}
