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
 * Promise: a consumer stopped gracefully commits what was answered and nothing more ("a graceful stop lets the poll in
 * flight finish and commits it"); duplicates only from requests that got no answer. Here the poll outlasts the
 * shutdown timeout (2 s here against answers of 6 s; in production Camel Main's 45 s against the sink's 30 s request
 * timeout times its retries): CleverTap stores every record and answers, but the stop has gone on without the poll,
 * so the answered records are never committed and whichever consumer takes the partition sends them again.
 */
@Disabled("review: a poll that outlasts the shutdown timeout is stored by CleverTap but never committed. Not fixed, a"
        + " documented bound (docs/guarantees.md, Kafka source, Bound: the shutdown timeout): the forced stop closes the"
        + " consumer whose group membership a commit needs, and the cut-off requests count as unanswered; with a shutdown"
        + " timeout below the sink's worst case for one poll (~196 s with its defaults) the next owner re-sends that poll")
class ReviewKafkaStopPastShutdownTimeoutCommitsWhatWasAnsweredTest {

    private static final String ACCOUNT = "ACC-ReviewKafkaForcedStop";

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
        main = KafkaSourceRun.start(KAFKA, emulator, ACCOUNT, Map.of("camel.main.shutdown-timeout", "2"));
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
        emulator.setLatency(Duration.ofSeconds(6));
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

        // CleverTap's answer to the request in flight comes after the forced stop: wait for it
        await().atMost(Duration.ofSeconds(20)).until(() -> emulator.storedRecords(ACCOUNT).size() >= values.size());
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
