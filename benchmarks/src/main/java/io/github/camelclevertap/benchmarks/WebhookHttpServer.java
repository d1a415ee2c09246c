package io.github.camelclevertap.benchmarks;

import org.apache.camel.main.Main;

/**
 * The webhook benchmark's server JVM on Camel Main, with Camel Main's defaults: the HTTP server on loopback and one of
 * the routes {@code benchmark-routes/webhook-KIND.yaml} (async: the webhook source Kamelet; blocking: the source as it
 * was before issue #18; peer: one CleverTap request per call through camel-http). Arguments: {@code KIND PORT BASE_URI
 * ACCOUNT PASSCODE BATCH_TIMEOUT SECRET}. It runs until it is stopped.
 */
public final class WebhookHttpServer {

    private WebhookHttpServer() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:benchmark-routes/webhook-" + args[0]
                                                                     + ".yaml");
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", "127.0.0.1");
        main.addInitialProperty("camel.server.port", args[1]);
        // the health endpoint on the same server, where the webhook's calls are
        main.addInitialProperty("camel.management.enabled", "true");
        main.addInitialProperty("camel.management.host", "127.0.0.1");
        main.addInitialProperty("camel.management.port", args[1]);
        main.addInitialProperty("camel.management.health-check-enabled", "true");
        main.addInitialProperty("clevertap.base-uri", args[2]);
        main.addInitialProperty("clevertap.account-id", args[3]);
        main.addInitialProperty("clevertap.passcode", args[4]);
        main.addInitialProperty("clevertap.batch-timeout", args[5]);
        main.addInitialProperty("webhook.secret", args[6]);
        main.run();
    }
}
