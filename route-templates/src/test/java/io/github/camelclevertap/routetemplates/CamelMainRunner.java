package io.github.camelclevertap.routetemplates;

import java.net.URI;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.test.AvailablePortFinder;

/**
 * Camel Main running YAML routes from the test classpath, as `camel run` would, optionally with its HTTP server on a
 * free loopback port.
 */
final class CamelMainRunner implements AutoCloseable {

    private final Main main;
    private final int port;

    private CamelMainRunner(Main main, int port) {
        this.main = main;
        this.port = port;
    }

    /**
     * Starts the routes of {@code routes} (a classpath resource) with these initial properties, and an HTTP server
     * when {@code httpServer} is set.
     */
    static CamelMainRunner start(String routes, Map<String, String> properties, boolean httpServer) throws Exception {
        Main main = new Main();
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:" + routes);
        int port = 0;
        if (httpServer) {
            port = AvailablePortFinder.getNextAvailable();
            main.addInitialProperty("camel.server.enabled", "true");
            main.addInitialProperty("camel.server.host", "127.0.0.1");
            main.addInitialProperty("camel.server.port", String.valueOf(port));
        }
        properties.forEach(main::addInitialProperty);
        main.start();
        return new CamelMainRunner(main, port);
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

    @Override
    public void close() {
        main.stop();
    }
}
