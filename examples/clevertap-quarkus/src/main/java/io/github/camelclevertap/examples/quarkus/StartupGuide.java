package io.github.camelclevertap.examples.quarkus;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.quarkus.main.events.AfterStart;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells a newcomer, once the routes run, what each flow listens on and how to see what reached the emulator.
 */
@ApplicationScoped
public class StartupGuide {

    private final FlowSettings flows;
    private final EmbeddedCleverTap cleverTap;
    private final WebhookSecret webhookSecret;
    private final SqlFlowSwitch sqlFlow;
    private final SampleFiles sampleFiles;
    private final int httpPort;

    StartupGuide(FlowSettings flows, EmbeddedCleverTap cleverTap, WebhookSecret webhookSecret, SqlFlowSwitch sqlFlow,
                 SampleFiles sampleFiles,
                 @ConfigProperty(name = "quarkus.http.port") int httpPort) {
        this.flows = flows;
        this.cleverTap = cleverTap;
        this.webhookSecret = webhookSecret;
        this.sqlFlow = sqlFlow;
        this.sampleFiles = sampleFiles;
        this.httpPort = httpPort;
    }

    void onStarted(@Observes AfterStart event) throws Exception {
        String app = "http://localhost:" + httpPort;
        if (flows.webhook().enabled()) {
            // the development secret (emulator only, WebhookSecret) is shown on purpose, for the walkthrough; a real
            // one never is
            boolean devSecret = webhookSecret.isDevelopmentSecret();
            Log.infof("Webhook flow: POST %s/%s with header X-Webhook-Secret: %s", app, flows.webhook().path(),
                    devSecret ? flows.webhook().devSecret() + " (the development secret: set WEBHOOK_SECRET)" : "<WEBHOOK_SECRET>");
        }
        if (flows.file().enabled()) {
            Log.infof("File flow: watching %s (NDJSON, JSON array, CSV)", flows.file().directory().toAbsolutePath());
            if (cleverTap.emulator().isPresent() && flows.file().samples()) {
                sampleFiles.copyInto(flows.file().directory());
            }
        }
        if (sqlFlow.isActive()) {
            Log.infof("SQL flow: customers become profiles and paid orders Charged events, polled every %d ms",
                    flows.sql().delay());
        }
        if (flows.slack().enabled() && flows.slack().token().isPresent()) {
            Log.infof("Slack flow: messages posted in #%s become CleverTap events", flows.slack().channel());
        }
        cleverTap.emulator().ifPresent(emulator -> Log.infof("CleverTap emulator: the records it received are listed"
                                                             + " by curl -s %s/emulator/records", app));
    }
}
