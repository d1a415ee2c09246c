package io.github.camelclevertap.routetemplates.review;

import java.time.Duration;
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
 * Promises: duplicates only from requests that got no answer (bounded as documented), nothing waits forever. A record
 * that must be dead-lettered but that the dead-letter producer can never write (here: a 1.5 MB value that is not JSON,
 * legal in a topic with a larger max.message.bytes, but over camel-kafka's producer max.request.size of 1 MB) stays
 * "not answered" for ever: each poll fails, camel-kafka reconnects and reads it again, and the records after it in the
 * partition, already stored by CleverTap (they got an answer), are sent again on every round, without bound, while
 * the partition never moves past it.
 */
class ReviewKafkaDeadLetterWriteFailureDuplicatesWithoutBoundTest {

    private static final String ACCOUNT = "ACC-ReviewKafkaDlqFailure";

    @RegisterExtension
    @Order(1)
    static final KafkaBroker KAFKA = new KafkaBroker();
    private static CleverTapEmulator emulator;
    private static Main main;

    @BeforeAll
    static void start() throws Exception {
        KafkaSourceRun.createTopic(KAFKA, TOPIC, 1, Map.of("max.message.bytes", String.valueOf(4 * 1024 * 1024)));
        KAFKA.createTopic(DEAD_LETTERS, 1);
        emulator = KafkaSourceRun.emulator(ACCOUNT);
        main = KafkaSourceRun.start(KAFKA, emulator, ACCOUNT, Map.of());
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
    void aRecordTheDeadLetterTopicCannotTakeDoesNotMakeStoredRecordsGoAgainAndAgain() throws Exception {
        String huge = "x".repeat(1536 * 1024);
        KafkaSourceRun.send(KAFKA, TOPIC, List.of(
                Map.entry("before", profile("before")),
                Map.entry("huge-not-json", huge),
                Map.entry("after", profile("after"))));

        // either the poll ends (committed to the end) or the stored record comes round a third time
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(
                () -> KAFKA.committed(GROUP, TOPIC).equals(KAFKA.endOffsets(TOPIC, 1))
                      || storedCount(emulator, ACCOUNT, "after") >= 3);

        assertThat(storedCount(emulator, ACCOUNT, "before")).as("stored copies of the record before").isEqualTo(1);
        assertThat(storedCount(emulator, ACCOUNT, "after"))
                .as("stored copies of the record after the one the dead-letter topic cannot take (CleverTap answered it)")
                .isEqualTo(1);
        assertThat(KAFKA.committed(GROUP, TOPIC)).as("committed").isEqualTo(KAFKA.endOffsets(TOPIC, 1));
    }
}
