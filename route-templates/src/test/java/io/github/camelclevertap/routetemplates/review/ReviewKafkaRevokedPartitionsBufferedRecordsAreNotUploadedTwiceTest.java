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
import org.junit.jupiter.api.Disabled;
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
 * Promise: duplicates only from requests that got no answer; the old owner of a revoked partition does not upload or
 * commit what it no longer owns. camel-kafka's batching consumer keeps a poll's records in a buffer until pollTimeout
 * passes; a rebalance inside that window (a second consumer joining) gives some of their partitions to the other
 * consumer, which reads them again from the committed offsets, while the first still uploads (and commits) the
 * buffered records of the partitions it lost; and after the eager rebalance it is given back partitions it already
 * buffered and fetches them again from the committed offsets into the same batch (a poll of 63 records for 40 sent):
 * every record is stored twice.
 */
class ReviewKafkaRevokedPartitionsBufferedRecordsAreNotUploadedTwiceTest {

    private static final String ACCOUNT = "ACC-ReviewKafkaRevokedBuffer";
    private static final int PARTITIONS = 4;
    /** camel-kafka holds a poll's records up to pollTimeout before handing them over (the Kamelet's default: 500 ms). */
    private static final Map<String, String> SLOW_POLL = Map.of("camel.kamelet.clevertap-kafka-source.pollTimeout", "5000");

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
        first = KafkaSourceRun.start(KAFKA, emulator, ACCOUNT, SLOW_POLL);
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
    void recordsReadBeforeARebalanceAreUploadedByOneConsumerOnly() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> KAFKA.assignments(GROUP, TOPIC).values().stream()
                .mapToInt(List::size).sum() == PARTITIONS);
        emulator.setLatency(Duration.ofMillis(500));
        List<Map.Entry<String, String>> values = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            values.add(Map.entry("b" + i, profile("b" + i)));
        }
        KafkaSourceRun.send(KAFKA, TOPIC, values);
        // the first consumer now holds them for up to pollTimeout; a second one joins meanwhile
        second = KafkaSourceRun.start(KAFKA, emulator, ACCOUNT, SLOW_POLL);

        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200)).until(
                () -> KAFKA.committed(GROUP, TOPIC).equals(KAFKA.endOffsets(TOPIC, PARTITIONS))
                      && emulator.storedRecords(ACCOUNT).size() >= values.size());
        List<String> duplicated = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            long copies = storedCount(emulator, ACCOUNT, "b" + i);
            if (copies > 1) {
                duplicated.add("b" + i + " x" + copies);
            } else if (copies == 0) {
                missing.add("b" + i);
            }
        }
        assertThat(missing).as("never stored").isEmpty();
        assertThat(duplicated).as("stored more than once, though every request was answered").isEmpty();
    }
}
