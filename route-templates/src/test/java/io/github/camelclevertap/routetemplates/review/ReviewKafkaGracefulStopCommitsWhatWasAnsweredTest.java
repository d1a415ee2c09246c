package io.github.camelclevertap.routetemplates.review;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import io.github.camelclevertap.routetemplates.KafkaBroker;
import org.apache.camel.main.Main;
import org.apache.kafka.clients.producer.RecordMetadata;
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
 * Promise: a consumer stopped gracefully commits what was answered and nothing more ("a graceful stop lets the poll in
 * flight finish and commits it"). The context is stopped while the poll's request is with CleverTap (answers take
 * 2 s); afterwards the committed offset must be exactly past the stored records.
 */
class ReviewKafkaGracefulStopCommitsWhatWasAnsweredTest {

    private static final String ACCOUNT = "ACC-ReviewKafkaStop";

    @RegisterExtension
    @Order(1)
    static final KafkaBroker KAFKA = new KafkaBroker();
    private static CleverTapEmulator emulator;
    private static Main main;

    @BeforeAll
    static void start() throws Exception {
        KAFKA.createTopic(TOPIC, 1);
        KAFKA.createTopic(DEAD_LETTERS, 1);
        emulator = KafkaSourceRun.emulator(ACCOUNT);
        main = KafkaSourceRun.start(KAFKA, emulator, ACCOUNT, Map.of("camel.main.shutdown-timeout", "20"));
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
    void aStopWithAPollInFlightCommitsExactlyTheStoredRecords() throws Exception {
        emulator.setLatency(Duration.ofSeconds(2));
        List<Map.Entry<String, String>> values = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            values.add(Map.entry("g" + i, profile("g" + i)));
        }
        List<RecordMetadata> landed = KafkaSourceRun.send(KAFKA, TOPIC, values);
        await().atMost(Duration.ofSeconds(20)).until(() -> emulator.stats().requests() >= 1);

        Main stopping = main;
        main = null;
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(stopping::stop);
        await().atMost(Duration.ofSeconds(40)).until(stopped::isDone);

        long committed = KAFKA.committed(GROUP, TOPIC).getOrDefault(0, 0L);
        List<String> storedNotCommitted = new ArrayList<>();
        List<String> committedNotStored = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            long copies = storedCount(emulator, ACCOUNT, "g" + i);
            assertThat(copies).as("copies of g" + i).isLessThanOrEqualTo(1);
            if (copies == 1 && landed.get(i).offset() >= committed) {
                storedNotCommitted.add("g" + i);
            }
            if (copies == 0 && landed.get(i).offset() < committed) {
                committedNotStored.add("g" + i);
            }
        }
        assertThat(committedNotStored).as("committed but never stored (lost)").isEmpty();
        assertThat(storedNotCommitted).as("stored but not committed (sent again by the next consumer), committed=" + committed)
                .isEmpty();
    }
}
