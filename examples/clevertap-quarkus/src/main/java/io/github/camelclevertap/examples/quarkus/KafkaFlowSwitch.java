package io.github.camelclevertap.examples.quarkus;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.quarkus.main.events.BeforeConfigure;

/**
 * The Kafka flow runs only when it is enabled and has brokers: {@code flows.kafka.active}, the precondition of its
 * route, says whether both hold.
 */
@ApplicationScoped
public class KafkaFlowSwitch {

    private final FlowSettings flows;

    KafkaFlowSwitch(FlowSettings flows) {
        this.flows = flows;
    }

    void onConfigure(@Observes BeforeConfigure event) {
        boolean active = flows.kafka().enabled() && flows.kafka().bootstrapServers().isPresent();
        event.getCamelContext().getPropertiesComponent().addOverrideProperty("flows.kafka.active",
                String.valueOf(active));
        if (flows.kafka().enabled() && !active) {
            Log.info("Kafka flow: off until the brokers are set (KAFKA_BOOTSTRAP_SERVERS)");
        }
    }
}
