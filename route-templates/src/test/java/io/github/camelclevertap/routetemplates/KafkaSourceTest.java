package io.github.camelclevertap.routetemplates;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.camelclevertap.emulator.Fault;
import org.apache.camel.main.Main;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kafka source's page route, run by Camel Main against a real broker (its own JVM) and the emulator: records are
 * stored, rejected ones land in the dead-letter topic with CleverTap's code and their source offset, offsets are
 * committed only once CleverTap answered, and records CleverTap did not answer for are read again.
 */
class KafkaSourceTest {

    private static final String ROUTE = "routes/kafka-to-clevertap.yaml";
    private static final String TOPIC = "shop-events";
    private static final String DEAD_LETTERS = "shop-events.clevertap-rejected";
    private static final String GROUP = "clevertap-upload";
    private static final int PARTITIONS = 3;
    private static final String ACCOUNT = "ACC-KafkaSourceTest";
    private static final String PASSCODE = "pc-kafka-SECRET";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Ignored with PLAINTEXT, but handed to camel-kafka and the Kafka client: it must not reach the log. */
    private static final String JAAS_PASSWORD = "kafka-sasl-DO-NOT-LOG";

    @RegisterExtension
    @Order(1)
    static final KafkaBroker KAFKA = new KafkaBroker();
    @RegisterExtension
    @Order(2)
    static final EmulatorExtension EMULATOR = new EmulatorExtension(emulator -> emulator.account(ACCOUNT, PASSCODE));
    private static Main main;

    @BeforeAll
    static void start() throws Exception {
        KAFKA.createTopic(TOPIC, PARTITIONS);
        KAFKA.createTopic(DEAD_LETTERS, 1);
        main = new Main();
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:" + ROUTE);
        main.addInitialProperty("kafka.bootstrap-servers", KAFKA.bootstrapServers());
        main.addInitialProperty("clevertap.region", "eu1");
        main.addInitialProperty("clevertap.account-id", ACCOUNT);
        main.addInitialProperty("clevertap.passcode", PASSCODE);
        main.addInitialProperty("clevertap.base-uri", EMULATOR.get().baseUri().toString());
        main.addInitialProperty("camel.kamelet.clevertap-kafka-source.pollTimeout", "100");
        main.addInitialProperty("camel.kamelet.clevertap-sink.batchTimeout", "20");
        // no retries: a failed request leaves its records unanswered at once
        main.addInitialProperty("camel.kamelet.clevertap-sink.maxRetries", "0");
        main.addInitialProperty("camel.kamelet.clevertap-kafka-source.saslJaasConfig",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"clevertap\" password=\""
                + JAAS_PASSWORD + "\";");
        main.start();
    }

    @AfterAll
    static void stop() {
        if (main != null) {
            main.stop();
        }
    }

    @Test
    void recordsAreStoredRejectedOnesDeadLetteredWithCodeAndOffsetAndEverythingCommitted() throws Exception {
        List<Map.Entry<String, String>> values = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            values.add(Map.entry("u" + i, profile("u" + i, "u" + i + "@example.com")));
        }
        values.add(Map.entry("bad-email", profile("bad-email", "not-an-email")));
        values.add(Map.entry("not-json", "this is not JSON"));
        List<RecordMetadata> landed = KAFKA.send(TOPIC, values);

        awaitCommittedToTheEnd();

        Set<String> stored = storedIdentities();
        assertThat(stored).hasSize(300).contains("u0", "u299").doesNotContain("bad-email");
        Map<String, ConsumerRecord<String, String>> deadLetters = new HashMap<>();
        KAFKA.readAll(DEAD_LETTERS).forEach(r -> deadLetters.put(r.key(), r));
        assertThat(deadLetters).containsOnlyKeys("bad-email", "not-json");

        ConsumerRecord<String, String> email = deadLetters.get("bad-email");
        assertThat(email.value()).isEqualTo(values.get(300).getValue());
        assertThat(header(email, "clevertap.code")).isEqualTo("515");
        assertThat(header(email, "clevertap.error")).contains("Email");
        assertThat(header(email, "clevertap.source.topic")).isEqualTo(TOPIC);
        assertThat(header(email, "clevertap.source.partition")).isEqualTo(String.valueOf(landed.get(300).partition()));
        assertThat(header(email, "clevertap.source.offset")).isEqualTo(String.valueOf(landed.get(300).offset()));

        ConsumerRecord<String, String> notJson = deadLetters.get("not-json");
        assertThat(notJson.value()).isEqualTo("this is not JSON");
        assertThat(header(notJson, "clevertap.code")).isNull();
        assertThat(header(notJson, "clevertap.error")).startsWith("the value is not JSON");
        assertThat(header(notJson, "clevertap.source.offset")).isEqualTo(String.valueOf(landed.get(301).offset()));
    }

    @Test
    void recordsCleverTapDidNotAnswerForAreNotCommittedAndReadAgain() throws Exception {
        EMULATOR.get().faults().enqueue(Fault.status(503));
        List<Map.Entry<String, String>> values = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            values.add(Map.entry("r" + i, profile("r" + i, "r" + i + "@example.com")));
        }
        KAFKA.send(TOPIC, values);

        awaitCommittedToTheEnd();

        assertThat(EMULATOR.get().stats().responses(503)).as("the failed request").isEqualTo(1);
        Set<String> stored = storedIdentities();
        for (int i = 0; i < 200; i++) {
            assertThat(stored).contains("r" + i);
        }
        assertThat(Files.readString(Path.of("target/route-templates-test.log"), StandardCharsets.UTF_8))
                .contains("not answered; read again from").doesNotContain(PASSCODE).doesNotContain(JAAS_PASSWORD);
    }

    @Test
    void thePageShowsTheRoutesOfThisTestAndOfTheWebhookTestVerbatim() throws Exception {
        Map<String, String> pages = Map.of(ROUTE, "docs/clevertap-kafka-source.md",
                "routes/webhook-to-kafka.yaml", "docs/webhook-to-kafka.md");
        for (Map.Entry<String, String> route : pages.entrySet()) {
            assertThat(Files.readString(Path.of(route.getValue())))
                    .contains("```yaml\n" + Files.readString(Path.of("src/test/resources", route.getKey())) + "```");
        }
        assertThat(Files.readString(Path.of("README.md")))
                .contains("| [clevertap-kafka-source](docs/clevertap-kafka-source.md) | source |");
    }

    private static void awaitCommittedToTheEnd() {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(
                () -> KAFKA.committed(GROUP, TOPIC).equals(KAFKA.endOffsets(TOPIC, PARTITIONS)));
    }

    private static Set<String> storedIdentities() {
        Set<String> identities = new HashSet<>();
        EMULATOR.get().storedRecords(ACCOUNT).forEach(record -> identities.add((String) record.get("identity")));
        return identities;
    }

    private static String profile(String identity, String email) {
        return "{\"type\": \"profile\", \"identity\": \"" + identity + "\", \"profileData\": {\"Email\": \"" + email
               + "\"}}";
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
