package io.github.camelclevertap.routetemplates.review;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

import io.github.camelclevertap.component.CleverTapComponent;
import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.test.AvailablePortFinder;

/** Camel Main with an HTTP server on a free loopback port running YAML routes, against an emulator the test owns. */
final class WebhookRun implements AutoCloseable {

    static final String ACCOUNT = "ACC-review18";
    static final String PASSCODE = "pc-review18-PASSCODE";
    static final String SECRET = "wh-review18-s3cr3t";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    final Main main;
    final int port;

    private WebhookRun(Main main, int port) {
        this.main = main;
        this.port = port;
    }

    static CleverTapEmulator emulator() {
        return CleverTapEmulator.builder().account(ACCOUNT, PASSCODE).build().start();
    }

    static WebhookRun start(String routes, CleverTapEmulator emulator, Map<String, String> properties) {
        Main main = new Main();
        int port = AvailablePortFinder.getNextAvailable();
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:" + routes);
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", "127.0.0.1");
        main.addInitialProperty("camel.server.port", String.valueOf(port));
        CleverTapComponent clevertap = new CleverTapComponent();
        clevertap.getConfiguration().setPasscode(PASSCODE);
        main.bind("clevertap", clevertap);
        main.addInitialProperty("clevertap.account-id", ACCOUNT);
        main.addInitialProperty("clevertap.passcode", PASSCODE);
        main.addInitialProperty("clevertap.base-uri", emulator.baseUri().toString());
        main.addInitialProperty("webhook.secret", SECRET);
        properties.forEach(main::addInitialProperty);
        main.start();
        return new WebhookRun(main, port);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + "/" + path);
    }

    HttpRequest call(String path, String body) {
        return HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("X-Webhook-Secret", SECRET)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    @Override
    public void close() {
        main.stop();
    }
}
