package io.github.camelclevertap.examples.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.quarkus.main.events.BeforeConfigure;

/**
 * The webhook flow's secret. The `clevertap-webhook-source` Kamelet reads it from the environment variable
 * `WEBHOOK_SECRET` itself (`secretEnvVar` in routes/webhook.yaml), so it never passes through Camel's properties,
 * which Camel core prints at DEBUG and TRACE. Without the variable the route gets the development secret as the
 * property `flows.webhook.development-secret`: it is printed at start-up anyway, for the walkthrough.
 */
@ApplicationScoped
public class WebhookSecret {

    static final String VARIABLE = "WEBHOOK_SECRET";

    private final FlowSettings flows;

    WebhookSecret(FlowSettings flows) {
        this.flows = flows;
    }

    void onConfigure(@Observes BeforeConfigure event) {
        if (!fromEnvironment()) {
            event.getCamelContext().getPropertiesComponent().addOverrideProperty("flows.webhook.development-secret",
                    flows.webhook().devSecret());
        }
    }

    /** Whether `WEBHOOK_SECRET` holds the secret. */
    static boolean fromEnvironment() {
        String value = System.getenv(VARIABLE);
        return value != null && !value.isEmpty();
    }
}
