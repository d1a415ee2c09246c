package io.github.camelclevertap.examples.quarkus;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.quarkus.main.events.BeforeConfigure;

/**
 * The Slack flow runs only when it is enabled and has a token: {@code flows.slack.active}, the precondition of its
 * route, says whether both hold.
 */
@ApplicationScoped
public class SlackFlowSwitch {

    private final FlowSettings flows;

    SlackFlowSwitch(FlowSettings flows) {
        this.flows = flows;
    }

    void onConfigure(@Observes BeforeConfigure event) {
        boolean active = flows.slack().enabled() && flows.slack().token().isPresent();
        event.getCamelContext().getPropertiesComponent().addOverrideProperty("flows.slack.active",
                String.valueOf(active));
        if (flows.slack().enabled() && !active) {
            Log.info("Slack flow: off until a token is set (SLACK_TOKEN, a bot token with channels:history and"
                     + " channels:read)");
        }
    }
}
