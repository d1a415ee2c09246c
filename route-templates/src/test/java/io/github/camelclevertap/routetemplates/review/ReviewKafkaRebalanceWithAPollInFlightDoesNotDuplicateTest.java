package io.github.camelclevertap.routetemplates.review;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import io.github.camelclevertap.routetemplates.KafkaBroker;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelclevertap.routetemplates.review.KafkaSourceRun.DEAD_LETTERS;
import static io.github.camelclevertap.routetemplates.review.KafkaSourceRun.GROUP;
import static io.github.camelclevertap.routetemplates.review.KafkaSourceRun.TOPIC;
import static io.github.camelclevertap.routetemplates.review.KafkaSourceRun.profile;
import static io.github.camelclevertap.routetemplates.review.KafkaSourceRun.storedCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Promise: duplicates only from requests that got no answer. A second consumer joins the group while the first has a
 * poll with CleverTap (answers take 3 s): the rebalance waits for the first consumer's next poll, its commit goes
 * through, and the partitions the second one gets are read from after what the first stored. Every record is stored
 * exactly once and everything is committed. Holds on the current code.
 */
class ReviewKafkaRebalanceWithAPollInFlightDoesNotDuplicateTest {

    private static final String ACCOUNT = "ACC-ReviewKafkaRebalance";
    private static final int PARTITIONS = 4;

    @RegisterExtension
    @Order(1)
    static final KafkaBroker KAFKA = new KafkaBroker();
    private static CleverTapEmulator emulator;
    private static Main first;
    private static Main second;

    @BeforeAll
    static void start() throws Exception {
        KAFKA.createTopic(TOPIC, PARTITIONS);
        KAFKA.createTopic(DEAD_LETTERS, 1);
        emulator = KafkaSourceRun.emulator(ACCOUNT);
        first = KafkaSourceRun.start(KAFKA, emulator, ACCOUNT, Map.of());
    }

    @AfterAll
    static void stop() {
        for (Main main : new Main[] {second, first}) {
            if (main != null) {
                main.stop();
            }
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void aConsumerJoiningMidPollCausesNoDuplicate() throws Exception {
        emulator.setLatency(Duration.ofSeconds(3));
        List<Map.Entry<String, String>> values = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            values.add(Map.entry("b" + i, profile("b" + i)));
        }
        KafkaSourceRun.send(KAFKA, TOPIC, values);
        await().atMost(Duration.ofSeconds(20)).until(() -> emulator.stats().requests() >= 1);
        second = KafkaSourceRun.start(KAFKA, emulator, ACCOUNT, Map.of());
        // more records while both are in the group
        List<Map.Entry<String, String>> more = new ArrayList<>();
        for (int i = 40; i < 80; i++) {
            more.add(Map.entry("b" + i, profile("b" + i)));
        }
        KafkaSourceRun.send(KAFKA, TOPIC, more);

        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200)).until(
                () -> KAFKA.committed(GROUP, TOPIC).equals(KAFKA.endOffsets(TOPIC, PARTITIONS)));
        List<String> duplicated = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            long copies = storedCount(emulator, ACCOUNT, "b" + i);
            if (copies > 1) {
                duplicated.add("b" + i + " x" + copies);
            } else if (copies == 0) {
                missing.add("b" + i);
            }
        }
        assertThat(missing).as("never stored").isEmpty();
        assertThat(duplicated).as("stored more than once").isEmpty();
    }
}
