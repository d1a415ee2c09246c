package io.github.camelclevertap.routetemplates;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Camel Main running YAML routes from the test classpath for a test class, as `camel run` would, optionally with its
 * HTTP server on a free loopback port. Register it after the {@link EmulatorExtension} (`@Order`): its properties
 * are read when it starts, so they can point at the emulator.
 */
final class CamelMainRunner implements BeforeAllCallback, AfterAllCallback {

    private final String routes;
    private final boolean httpServer;
    private final Supplier<Map<String, String>> properties;
    private Main main;
    private int port;

    private CamelMainRunner(String routes, boolean httpServer, Supplier<Map<String, String>> properties) {
        this.routes = routes;
        this.httpServer = httpServer;
        this.properties = properties;
    }

    /** The routes of {@code routes} (a classpath resource), without an HTTP server. */
    static CamelMainRunner routes(String routes, Supplier<Map<String, String>> properties) {
        return new CamelMainRunner(routes, false, properties);
    }

    /** The routes of {@code routes} (a classpath resource), with an HTTP server. */
    static CamelMainRunner httpRoutes(String routes, Supplier<Map<String, String>> properties) {
        return new CamelMainRunner(routes, true, properties);
    }

    /**
     * The properties the test routes read for the sink: `clevertap.account-id`, `clevertap.passcode`,
     * `clevertap.base-uri` (the emulator), then {@code more} (key, value, key, value...).
     */
    static Map<String, String> sinkProperties(EmulatorExtension emulator, String account, String passcode,
                                              String... more) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("clevertap.account-id", account);
        properties.put("clevertap.passcode", passcode);
        properties.put("clevertap.base-uri", emulator.get().baseUri().toString());
        for (int i = 0; i + 1 < more.length; i += 2) {
            properties.put(more[i], more[i + 1]);
        }
        return properties;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        main = new Main();
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:" + routes);
        if (httpServer) {
            port = AvailablePortFinder.getNextAvailable();
            main.addInitialProperty("camel.server.enabled", "true");
            main.addInitialProperty("camel.server.host", "127.0.0.1");
            main.addInitialProperty("camel.server.port", String.valueOf(port));
        }
        properties.get().forEach(main::addInitialProperty);
        main.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (main != null) {
            main.stop();
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
