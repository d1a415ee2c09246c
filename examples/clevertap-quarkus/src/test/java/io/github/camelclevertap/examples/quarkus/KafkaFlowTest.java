package io.github.camelclevertap.examples.quarkus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kafka flow with brokers set: profiles and events published to the topic arrive in the emulator, and a record
 * CleverTap rejects lands in the dead-letter topic with its code and source offset.
 */
@QuarkusTest
@WithTestResource(EmbeddedDefaults.class)
@WithTestResource(KafkaTopic.class)
class KafkaFlowTest {

    @Test
    void recordsPublishedToTheTopicAreStoredAndARejectedOneIsDeadLettered() throws Exception {
        String user = "kafka-" + UUID.randomUUID();
        String profile = "{\"type\": \"profile\", \"identity\": \"" + user + "\", \"profileData\": {\"Name\": \"Ada\"}}";
        String event = "{\"type\": \"event\", \"identity\": \"" + user + "\", \"ts\": 1733356800,"
                       + " \"evtName\": \"Order Placed\", \"evtData\": {\"Amount\": 42}}";
        String rejected = "{\"type\": \"profile\", \"identity\": \"" + user + "-bad\","
                          + " \"profileData\": {\"Email\": \"not-an-email\"}}";
        var landed = KafkaTopic.broker().send(KafkaTopic.TOPIC,
                List.of(Map.entry(user, profile), Map.entry(user, event), Map.entry(user + "-bad", rejected)));

        // one poll's records are uploaded concurrently, in no set order
        assertThat(EmulatorRecords.awaitWithIdentity(user, records -> records.size() == 2)).containsExactlyInAnyOrder(
                Map.of("type", "profile", "identity", user, "profileData", Map.of("Name", "Ada")),
                Map.of("type", "event", "identity", user, "ts", 1733356800, "evtName", "Order Placed",
                        "evtData", Map.of("Amount", 42)));
        ConsumerRecord<String, String> deadLetter = await().atMost(Duration.ofSeconds(30))
                .until(() -> KafkaTopic.broker().readAll(KafkaTopic.DEAD_LETTERS).stream()
                        .filter(r -> (user + "-bad").equals(r.key())).findFirst().orElse(null), r -> r != null);
        assertThat(deadLetter.value()).isEqualTo(rejected);
        assertThat(header(deadLetter, "clevertap.code")).isEqualTo("515");
        assertThat(header(deadLetter, "clevertap.source.offset")).isEqualTo(String.valueOf(landed.get(2).offset()));
        assertThat(EmulatorRecords.withIdentity(user + "-bad")).isEmpty();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
