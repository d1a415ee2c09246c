package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.test.AvailablePortFinder;

import static org.awaitility.Awaitility.await;

/**
 * `routes/clevertap-webhook-env.yaml` (webhook source → record action → sink) in a child JVM, on a loopback port,
 * sending to an emulator of the test JVM. The webhook secret and the passcode reach it only as the environment
 * variables `CLEVERTAP_WEBHOOK_SECRET` and `CLEVERTAP_PASSCODE`, never as properties or on its command line.
 */
final class ChildWebhook {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;
    private final String account;
    private final URI emulator;
    private final String secret;
    private final Map<String, String> environment;

    /** The webhook on a free loopback port, for {@code account} of {@code emulator}. */
    ChildWebhook(String account, String passcode, URI emulator, String secret) {
        this.port = AvailablePortFinder.getNextAvailable();
        this.account = account;
        this.emulator = emulator;
        this.secret = secret;
        this.environment = Map.of("CLEVERTAP_PASSCODE", passcode, "CLEVERTAP_WEBHOOK_SECRET", secret);
    }

    /**
     * Starts the child JVM with {@code batchSize} records a request and the Log4j configuration {@code logging}; its
     * properties file goes into {@code directory}, its output into {@code log}.
     */
    ForkedJvm start(int batchSize, String logging, Path directory, Path log) throws IOException {
        Map<String, String> properties = Map.of("clevertap.account-id", account,
                "clevertap.base-uri", emulator.toString(),
                "webhook.batch-size", String.valueOf(batchSize),
                "camel.server.enabled", "true",
                "camel.server.host", "127.0.0.1",
                "camel.server.port", String.valueOf(port));
        return CamelMainProcess.fork("routes/clevertap-webhook-env.yaml", properties,
                directory.resolve("webhook.properties"), log, environment, logging);
    }

    /** Sends the call of {@code identity} until it is answered 200: the JVM is up (within a minute) and working. */
    void awaitAnswered(String identity) {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> call(identity, secret) == 200);
    }

    /**
     * Posts a Boltic sign-up for {@code identity} with {@code secret} in `X-Webhook-Secret` and returns the HTTP
     * status (an {@link IOException} when the JVM is down or dies meanwhile).
     */
    int call(String identity, String secret) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/signup"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Webhook-Secret", secret)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"payload\": {\"name\": \"User " + identity + "\", \"user_id\": \"" + identity + "\"}}"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
