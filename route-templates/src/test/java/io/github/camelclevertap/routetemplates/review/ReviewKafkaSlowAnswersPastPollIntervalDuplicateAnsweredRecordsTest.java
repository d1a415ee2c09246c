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
 * Promise: duplicates only from requests that got no answer (bounded as documented: a crash re-sends at most one
 * poll). A poll whose answers take longer than the consumer's max.poll.interval.ms (Kafka's 5 minutes by default,
 * shortened here to 1.5 s against answers of 3 s; in production: a poll of 15000 records behind 429 back-offs and
 * retries) gets the consumer put out of the group while the upload is in flight; the commit of records CleverTap
 * answered for then fails (CommitFailedException), camel-kafka reconnects and sends the whole poll again, answered
 * records included, and again on every round while CleverTap stays that slow. Neither the Kamelet nor its page
 * mentions max.poll.interval.ms, and the Kamelet cannot set it.
 */
class ReviewKafkaSlowAnswersPastPollIntervalDuplicateAnsweredRecordsTest {

    private static final String ACCOUNT = "ACC-ReviewKafkaSlowPoll";

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
        main = KafkaSourceRun.start(KAFKA, emulator, ACCOUNT,
                // the Kamelet's maxPollInterval (default 10 minutes) sets the endpoint's, over the component's
                Map.of("camel.component.kafka.maxPollIntervalMs", "1500",
                        "camel.kamelet.clevertap-kafka-source.maxPollInterval", "1500"));
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
    void recordsCleverTapAnsweredForAreNotSentAgainBecauseTheAnswerWasSlow() throws Exception {
        emulator.setLatency(Duration.ofSeconds(3));
        List<Map.Entry<String, String>> values = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            values.add(Map.entry("s" + i, profile("s" + i)));
        }
        KafkaSourceRun.send(KAFKA, TOPIC, values);

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(
                () -> KAFKA.committed(GROUP, TOPIC).equals(KAFKA.endOffsets(TOPIC, 1))
                      || storedCount(emulator, ACCOUNT, "s0") >= 2);

        assertThat(storedCount(emulator, ACCOUNT, "s0"))
                .as("stored copies of a record whose request CleverTap answered (slowly, but answered)")
                .isEqualTo(1);
        assertThat(KAFKA.committed(GROUP, TOPIC)).as("committed").isEqualTo(KAFKA.endOffsets(TOPIC, 1));
    }
}
