package io.github.camelclevertap.routetemplates;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.github.camelclevertap.component.CleverTapComponent;
import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Camel Main running YAML routes from the test classpath for a test class, as `camel run` would, against an emulator
 * of its own ({@link #emulator()}), optionally with its HTTP server on a free loopback port. The emulator starts first
 * and holds the sink's account; the routes read it from `clevertap.account-id`, `clevertap.passcode` and
 * `clevertap.base-uri`, plus the properties a test adds with {@link #property}. The passcode is also set on the
 * `clevertap` component in code, the safe way an application sets it, so routes may leave it out (a route's own
 * `passcode` overrides it).
 */
final class CamelMainRunner implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private final String routes;
    private final boolean httpServer;
    private final String account;
    private final String passcode;
    private final Map<String, Supplier<String>> properties = new LinkedHashMap<>();
    private final Map<String, Supplier<Object>> beans = new LinkedHashMap<>();
    private UnaryOperator<CleverTapEmulator.Builder> moreAccounts = UnaryOperator.identity();
    private final EmulatorExtension emulator;
    private Main main;
    private int port;

    private CamelMainRunner(String routes, boolean httpServer, String account, String passcode) {
        this.routes = routes;
        this.httpServer = httpServer;
        this.account = account;
        this.passcode = passcode;
        this.emulator = new EmulatorExtension(builder -> moreAccounts.apply(builder.account(account, passcode)));
    }

    /** The routes of {@code routes} (a classpath resource) for the sink's account, without an HTTP server. */
    static CamelMainRunner routes(String routes, String account, String passcode) {
        return new CamelMainRunner(routes, false, account, passcode);
    }

    /** The routes of {@code routes} (a classpath resource) for the sink's account, with an HTTP server. */
    static CamelMainRunner httpRoutes(String routes, String account, String passcode) {
        return new CamelMainRunner(routes, true, account, passcode);
    }

    /**
     * The routes of `routes/clevertap-file-source.yaml` on the files of {@code inbox} (read at start, a
     * {@code @TempDir}), sending to the sink's account and, for the files of its `other` folder, to a second one.
     */
    static CamelMainRunner fileSource(Supplier<Path> inbox, String account, String passcode, String otherAccount,
                                      String otherPasscode) {
        return routes("routes/clevertap-file-source.yaml", account, passcode)
                .property("inbox", () -> inbox.get().toString())
                .property("clevertap.other.account-id", otherAccount)
                .property("clevertap.other.passcode", otherPasscode)
                .emulator(emulator -> emulator.account(otherAccount, otherPasscode));
    }

    /** One more Camel Main property. */
    CamelMainRunner property(String key, String value) {
        return property(key, () -> value);
    }

    /** One more Camel Main property, read when Camel Main starts (a {@code @TempDir}, say). */
    CamelMainRunner property(String key, Supplier<String> value) {
        properties.put(key, value);
        return this;
    }

    /** A bean bound in the registry before Camel Main starts (made when it starts: a {@code @TempDir}'s, say). */
    CamelMainRunner bean(String name, Supplier<Object> bean) {
        beans.put(name, bean);
        return this;
    }

    /** More of the emulator: other accounts, latency. */
    CamelMainRunner emulator(UnaryOperator<CleverTapEmulator.Builder> more) {
        moreAccounts = more;
        return this;
    }

    /** The emulator, started before Camel Main and emptied after each test. */
    EmulatorExtension emulator() {
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator.beforeAll(context);
        main = new Main();
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:" + routes);
        if (httpServer) {
            port = AvailablePortFinder.getNextAvailable();
            main.addInitialProperty("camel.server.enabled", "true");
            main.addInitialProperty("camel.server.host", "127.0.0.1");
            main.addInitialProperty("camel.server.port", String.valueOf(port));
        }
        CleverTapComponent clevertap = new CleverTapComponent();
        clevertap.getConfiguration().setPasscode(passcode);
        main.bind("clevertap", clevertap);
        main.addInitialProperty("clevertap.account-id", account);
        main.addInitialProperty("clevertap.passcode", passcode);
        main.addInitialProperty("clevertap.base-uri", emulator.get().baseUri().toString());
        properties.forEach((key, value) -> main.addInitialProperty(key, value.get()));
        beans.forEach((name, bean) -> main.bind(name, bean.get()));
        main.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        emulator.afterEach(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (main != null) {
                main.stop();
            }
        } finally {
            emulator.afterAll(context);
        }
    }

    /** The URI of a path on the HTTP server, such as {@code boltic/signup}. */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + "/" + path);
    }

    int port() {
        return port;
    }

    CamelContext context() {
        return main.getCamelContext();
    }
}
