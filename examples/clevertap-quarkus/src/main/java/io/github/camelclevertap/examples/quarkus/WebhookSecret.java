package io.github.camelclevertap.examples.quarkus;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.quarkus.main.events.BeforeConfigure;
import org.eclipse.microprofile.config.Config;

/**
 * The webhook flow's secret, chosen by the app alone and handed to the route as a registry bean
 * ({@code secret: "#bean:clevertapWebhookSecret"} in routes/webhook.yaml): only that name passes through Camel's
 * properties, which Camel core prints at DEBUG and TRACE, and no configuration source can put another secret there.
 * (Camel's TRACE line for each bean property it sets would print the value: application.properties keeps those two
 * loggers at DEBUG; PasscodeNotLoggedTest checks.)
 * <p>
 * {@code WEBHOOK_SECRET} is read through Quarkus configuration (which does not log values), so it is taken from the
 * same places as the CleverTap credentials: the environment, a {@code .env} file, a system property. Blank counts as
 * unset. Without it, and only on the in-process emulator, the development secret {@code flows.webhook.dev-secret} is
 * used and printed for the walkthrough. With CleverTap credentials the app does not start without a secret, or with
 * the development secret as the secret: a secret everyone can read in the README would let anyone write into the
 * account.
 */
@ApplicationScoped
public class WebhookSecret {

    static final String VARIABLE = "WEBHOOK_SECRET";
    /** The registry name routes/webhook.yaml refers to. */
    static final String BEAN = "clevertapWebhookSecret";
    /** The development secret README and application.properties ship, refused with credentials even if reconfigured. */
    static final String SHIPPED_DEV_SECRET = "dev-webhook-secret";

    private final FlowSettings flows;
    private final CleverTapSettings cleverTap;
    private final Config config;
    private volatile boolean development;

    WebhookSecret(FlowSettings flows, CleverTapSettings cleverTap, Config config) {
        this.flows = flows;
        this.cleverTap = cleverTap;
        this.config = config;
    }

    void onConfigure(@Observes BeforeConfigure event) {
        if (!flows.webhook().enabled()) {
            return;
        }
        Optional<String> given = config.getOptionalValue(VARIABLE, String.class).filter(value -> !value.isBlank());
        if (cleverTap.uploadsToCleverTap()) {
            String secret = given.orElseThrow(() -> new IllegalStateException(VARIABLE + " is not set (or blank): with"
                    + " CleverTap credentials the webhook flow needs the secret its sender sends, as an environment"
                    + " variable, in .env or as -D" + VARIABLE + "; the development secret is accepted only on the"
                    + " in-process emulator. Set " + VARIABLE + ", or switch the webhook flow off with"
                    + " flows.webhook.enabled=false (FLOWS_WEBHOOK_ENABLED=false)"));
            if (secret.equals(flows.webhook().devSecret()) || secret.equals(SHIPPED_DEV_SECRET)) {
                throw new IllegalStateException(VARIABLE + " is the development secret (flows.webhook.dev-secret,"
                        + " FLOWS_WEBHOOK_DEV_SECRET), which anyone can read in the README: with CleverTap credentials"
                        + " set " + VARIABLE + " to a secret of your own, such as $(openssl rand -hex 32)");
            }
            bind(event, secret);
            return;
        }
        development = given.isEmpty();
        bind(event, given.orElse(flows.webhook().devSecret()));
    }

    private static void bind(BeforeConfigure event, String secret) {
        event.getCamelContext().getRegistry().bind(BEAN, secret);
    }

    /** Whether the route accepts the development secret: on the emulator, without WEBHOOK_SECRET. */
    boolean isDevelopmentSecret() {
        return development;
    }
}
