package io.github.camelclevertap.routetemplates.review;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import io.github.camelclevertap.routetemplates.KafkaBroker;
import org.apache.camel.main.Main;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelclevertap.routetemplates.review.KafkaSourceRun.DEAD_LETTERS;
import static io.github.camelclevertap.routetemplates.review.KafkaSourceRun.GROUP;
import static io.github.camelclevertap.routetemplates.review.KafkaSourceRun.TOPIC;
import static io.github.camelclevertap.routetemplates.review.KafkaSourceRun.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Promises: every record's outcome is reported, nothing waits forever, bad input gets a clear error naming the field
 * and the rule. The page's webhook flow (the Boltic preset mapping in the route's steps): "a payload the mapping
 * cannot take goes to the dead-letter topic". Odd payloads, one per partition; each must end stored or dead-lettered
 * and every partition be committed to its end.
 */
class ReviewKafkaOddPayloadsThroughTheMappingAreAnsweredTest {

    private static final String ACCOUNT = "ACC-ReviewKafkaOddMapped";
    private static final List<String> ODD = Arrays.asList(
            "{\"payload\": null}",
            "{\"payload\": \"a string\"}",
            "{\"payload\": [1, 2]}",
            "{\"payload\": {\"user_id\": {\"nested\": 1}}}",
            "{\"payload\": {\"user_id\": [\"a\", \"b\"]}}",
            "{\"payload\": {\"user_id\": \"u1\", \"email\": 42, \"created_at\": \"not a date\"}}",
            "[]",
            "42",
            "{}"); // empty: the page promises the dead-letter topic

    @RegisterExtension
    @Order(1)
    static final KafkaBroker KAFKA = new KafkaBroker();
    private static CleverTapEmulator emulator;
    private static Main main;

    @BeforeAll
    static void start() throws Exception {
        KAFKA.createTopic(TOPIC, ODD.size());
        KAFKA.createTopic(DEAD_LETTERS, 1);
        emulator = KafkaSourceRun.emulator(ACCOUNT);
        main = KafkaSourceRun.start(KAFKA, emulator, ACCOUNT,
                Map.of("camel.main.routes-include-pattern", "classpath:review/kafka-mapping-to-clevertap.yaml"));
    }

    @AfterAll
    static void stop() {
        if (main != null) {
            main.stop();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void everyOddValueEndsStoredOrDeadLetteredAndItsPartitionMovesOn() throws Exception {
        try (var producer = KafkaSourceRun.producer(KAFKA)) {
            for (int p = 0; p < ODD.size(); p++) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(TOPIC, p, "odd-" + p, ODD.get(p)))
                        .get();
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(TOPIC, p, "next-" + p,
                        profile("next-" + p))).get();
            }
        }
        try {
            await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(200)).until(
                    () -> KAFKA.committed(GROUP, TOPIC).equals(KAFKA.endOffsets(TOPIC, ODD.size())));
        } catch (ConditionTimeoutException e) {
            // fall through to say which partitions are stuck
        }
        Map<Integer, Long> committed = KAFKA.committed(GROUP, TOPIC);
        List<String> stuck = new ArrayList<>();
        for (int p = 0; p < ODD.size(); p++) {
            if (committed.getOrDefault(p, 0L) < 2) {
                stuck.add("partition " + p + " committed " + committed.get(p) + " (value " + ODD.get(p) + ")");
            }
        }
        assertThat(stuck).as("partitions that never move past an odd value").isEmpty();
        List<String> deadLettered = new ArrayList<>();
        for (ConsumerRecord<String, String> r : KAFKA.readAll(DEAD_LETTERS)) {
            deadLettered.add(r.key() + ": " + KafkaSourceRun.headers(r).get("clevertap.error"));
        }
        System.out.println("dead-lettered: " + deadLettered);
    }
}
