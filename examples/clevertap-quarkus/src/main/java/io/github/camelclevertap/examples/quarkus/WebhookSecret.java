package io.github.camelclevertap.examples.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.quarkus.main.events.BeforeConfigure;

/**
 * The webhook flow's secret. The `clevertap-webhook-source` Kamelet reads it from the environment variable
 * `WEBHOOK_SECRET` itself (`secretEnvVar` in routes/webhook.yaml), so it never passes through Camel's properties,
 * which Camel core prints at DEBUG and TRACE. Without the variable, and only while the app runs on the in-process
 * emulator, the route gets the development secret as the property `flows.webhook.development-secret`: it is printed
 * at start-up anyway, for the walkthrough. With CleverTap credentials and no variable the app does not start, as a
 * secret everyone can read in the README would let anyone write into the account.
 */
@ApplicationScoped
public class WebhookSecret {

    static final String VARIABLE = "WEBHOOK_SECRET";

    private final FlowSettings flows;
    private final CleverTapSettings cleverTap;

    WebhookSecret(FlowSettings flows, CleverTapSettings cleverTap) {
        this.flows = flows;
        this.cleverTap = cleverTap;
    }

    void onConfigure(@Observes BeforeConfigure event) {
        if (!flows.webhook().enabled() || fromEnvironment()) {
            return;
        }
        if (cleverTap.uploadsToCleverTap()) {
            throw new IllegalStateException(VARIABLE + " is not set: with CleverTap credentials the webhook flow"
                                            + " needs the secret its sender sends; the development secret is accepted"
                                            + " only on the in-process emulator. Set " + VARIABLE + ", or switch the"
                                            + " webhook flow off with flows.webhook.enabled=false"
                                            + " (FLOWS_WEBHOOK_ENABLED=false)");
        }
        event.getCamelContext().getPropertiesComponent().addOverrideProperty("flows.webhook.development-secret",
                flows.webhook().devSecret());
    }

    /** Whether `WEBHOOK_SECRET` holds the secret. */
    static boolean fromEnvironment() {
        String value = System.getenv(VARIABLE);
        return value != null && !value.isEmpty();
    }
}
