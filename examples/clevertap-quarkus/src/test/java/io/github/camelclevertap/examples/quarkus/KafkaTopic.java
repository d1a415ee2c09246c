package io.github.camelclevertap.examples.quarkus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.github.camelclevertap.routetemplates.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Switches the Kafka flow on against a real Kafka broker (KRaft, one node) started in a JVM of its own on loopback,
 * with the flow's topic (two partitions) and its dead-letter topic, and a poll handed over after 100 ms. Runs in the
 * test JVM also for the packaged app of the integration tests.
 */
public class KafkaTopic implements QuarkusTestResourceLifecycleManager {

    static final String TOPIC = "shop-events";
    static final String DEAD_LETTERS = "shop-events.clevertap-rejected";

    private static KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        try {
            broker = new KafkaBroker();
            broker.start("quarkus-app");
            broker.createTopic(TOPIC, 2);
            broker.createTopic(DEAD_LETTERS, 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the Kafka broker did not start", e);
        }
        return Map.of("flows.kafka.bootstrap-servers", broker.bootstrapServers(),
                "camel.kamelet.clevertap-kafka-source.pollTimeout", "100");
    }

    @Override
    public void stop() {
        if (broker != null) {
            try {
                broker.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static KafkaBroker broker() {
        return broker;
    }
}
