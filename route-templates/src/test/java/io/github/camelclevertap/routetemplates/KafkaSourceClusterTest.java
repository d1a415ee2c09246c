package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kafka source at scale, in JVMs of their own on a real broker: two consumers in one group share a topic's
 * partitions and one is killed with SIGKILL mid-run; and a consumer stopped gracefully (SIGTERM) commits exactly what
 * CleverTap answered.
 */
class KafkaSourceClusterTest {

    private static final String ACCOUNT = "ACC-KafkaSourceClusterTest";
    private static final String PASSCODE = "pc-kafka-cluster-SECRET";
    /** A consumer's poll: the sink's 7 requests of 50 records. */
    private static final int WINDOW = 350;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String ROUTES = "routes/kafka-cluster.yaml";

    @RegisterExtension
    @Order(1)
    static final KafkaBroker KAFKA = new KafkaBroker();
    @RegisterExtension
    @Order(2)
    static final EmulatorExtension EMULATOR = new EmulatorExtension(emulator -> emulator.account(ACCOUNT, PASSCODE)
            .latency(Duration.ofMillis(200)));
    @TempDir
    static Path work;
    private final List<ForkedJvm> consumers = new ArrayList<>();

    @AfterEach
    void stopConsumers() throws InterruptedException {
        for (ForkedJvm consumer : consumers) {
            consumer.close();
        }
    }

    @Test
    void aKilledConsumersPartitionsMoveOnAndOnlyItsUncommittedPollIsSentTwice() throws Exception {
        String topic = "orders";
        int partitions = 6;
        KAFKA.createTopic(topic, partitions);
        KAFKA.createTopic(topic + ".rejected", 1);
        Path logA = Path.of("target/kafka-cluster-a.log");
        Path logB = Path.of("target/kafka-cluster-b.log");
        ForkedJvm a = startConsumer(topic, "cluster", "consumer-a", logA);
        ForkedJvm b = startConsumer(topic, "cluster", "consumer-b", logB);
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            Map<String, List<Integer>> assigned = KAFKA.assignments("cluster", topic);
            return assigned.size() == 2 && assigned.values().stream().noneMatch(List::isEmpty);
        });

        int count = 12_000;
        List<Map.Entry<String, String>> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // every 1000th record has an e-mail CleverTap rejects (515)
            values.add(Map.entry("c" + i, profile("c" + i, i % 1000 == 999 ? "c" + i : "c" + i + "@example.com")));
        }
        List<RecordMetadata> landed = KAFKA.send(topic, values);

        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20))
                .until(() -> EMULATOR.get().storedRecordCount() >= count / 4);
        List<Integer> partitionsOfA = KAFKA.assignments("cluster", topic).get("consumer-a");
        a.kill();
        long storedAtKill = EMULATOR.get().storedRecordCount();
        assertThat(storedAtKill).as("killed mid-run").isLessThan(count - 12);

        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> KAFKA.committed("cluster", topic).equals(KAFKA.endOffsets(topic, partitions)));
        assertThat(KAFKA.assignments("cluster", topic)).containsOnlyKeys("consumer-b");

        Map<String, Integer> timesStored = timesStored();
        Map<String, RecordMetadata> where = new HashMap<>();
        for (int i = 0; i < count; i++) {
            where.put("c" + i, landed.get(i));
            if (i % 1000 == 999) {
                assertThat(timesStored).doesNotContainKey("c" + i);
            } else {
                assertThat(timesStored).as("c" + i + " stored").containsKey("c" + i);
            }
        }
        Map<String, Integer> duplicated = timesStored.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        int copies = duplicated.values().stream().mapToInt(n -> n - 1).sum();
        System.out.printf("Kafka cluster: %d records over %d partitions, consumer-a (partitions %s) killed at %d"
                          + " stored; %d records stored twice or more (%d extra copies); peak in flight %d%n", count,
                partitions, partitionsOfA, storedAtKill, duplicated.size(), copies,
                EMULATOR.get().stats().peakInFlight(ACCOUNT));
        // sent twice: only what the killed consumer had polled and not committed, its last poll
        assertThat(duplicated.keySet()).allSatisfy(identity -> assertThat(partitionsOfA)
                .as(identity + " stored twice: from a partition of the killed consumer")
                .contains(where.get(identity).partition()));
        assertThat(copies).isLessThanOrEqualTo(WINDOW);
        assertThat(EMULATOR.get().stats().peakInFlight(ACCOUNT)).isLessThanOrEqualTo(14);

        List<ConsumerRecord<String, String>> rejected = KAFKA.readAll(topic + ".rejected");
        assertThat(rejected).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(
                List.of("c999", "c1999", "c2999", "c3999", "c4999", "c5999", "c6999", "c7999", "c8999", "c9999",
                        "c10999", "c11999"));
        for (ConsumerRecord<String, String> record : rejected) {
            assertThat(header(record, "clevertap.code")).isEqualTo("515");
            assertThat(header(record, "clevertap.source.offset"))
                    .isEqualTo(String.valueOf(where.get(record.key()).offset()));
            assertThat(header(record, "clevertap.source.partition"))
                    .isEqualTo(String.valueOf(where.get(record.key()).partition()));
        }
        b.stop();
        assertThat(Files.readString(logA) + Files.readString(logB)).doesNotContain(PASSCODE);
    }

    @Test
    void aConsumerStoppedGracefullyCommitsWhatWasAnsweredAndNothingMore() throws Exception {
        String topic = "returns";
        int partitions = 2;
        KAFKA.createTopic(topic, partitions);
        KAFKA.createTopic(topic + ".rejected", 1);
        int count = 6000;
        List<Map.Entry<String, String>> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(Map.entry("g" + i, profile("g" + i, "g" + i + "@example.com")));
        }
        List<RecordMetadata> landed = KAFKA.send(topic, values);
        ForkedJvm consumer = startConsumer(topic, "graceful", "consumer-g", Path.of("target/kafka-graceful.log"));

        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20))
                .until(() -> EMULATOR.get().storedRecordCount() >= count / 4);
        long stopping = System.nanoTime();
        consumer.stop(); // SIGTERM: Camel Main shuts down gracefully
        System.out.printf("stopped in %d ms%n", (System.nanoTime() - stopping) / 1_000_000);
        long stored = EMULATOR.get().storedRecordCount();
        assertThat(stored).as("stopped mid-run").isLessThan(count);

        Map<Integer, Long> committed = KAFKA.committed("graceful", topic);
        Set<String> storedIdentities = timesStored().keySet();
        Map<Integer, TreeMap<Long, Boolean>> storedByPartition = new HashMap<>();
        for (int i = 0; i < count; i++) {
            storedByPartition.computeIfAbsent(landed.get(i).partition(), p -> new TreeMap<>())
                    .put(landed.get(i).offset(), storedIdentities.contains("g" + i));
        }
        System.out.printf("Kafka graceful stop: %d of %d records stored, committed %s%n", stored, count, committed);
        storedByPartition.forEach((partition, offsets) -> {
            long commit = committed.getOrDefault(partition, 0L);
            offsets.forEach((offset, wasStored) -> assertThat(wasStored)
                    .as("partition %d offset %d, committed %d: stored exactly below the commit", partition, offset,
                            commit)
                    .isEqualTo(offset < commit));
        });
    }

    private ForkedJvm startConsumer(String topic, String group, String clientId, Path log) throws IOException {
        Files.deleteIfExists(log);
        ForkedJvm consumer = CamelMainProcess.fork(ROUTES, Map.of(
                "kafka.topic", topic,
                "kafka.bootstrap-servers", KAFKA.bootstrapServers(),
                "kafka.group", group,
                "kafka.client-id", clientId,
                "clevertap.account-id", ACCOUNT,
                "clevertap.passcode", PASSCODE,
                "clevertap.base-uri", EMULATOR.get().baseUri().toString()),
                work.resolve(clientId + ".properties"), log);
        consumers.add(consumer);
        return consumer;
    }

    private static Map<String, Integer> timesStored() {
        Map<String, Integer> times = new HashMap<>();
        EMULATOR.get().storedRecords(ACCOUNT).forEach(r -> times.merge((String) r.get("identity"), 1, Integer::sum));
        return times;
    }

    private static String profile(String identity, String email) {
        return "{\"type\": \"profile\", \"identity\": \"" + identity + "\", \"profileData\": {\"Email\": \"" + email
               + "\"}}";
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
