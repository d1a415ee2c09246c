package io.github.camelclevertap.routetemplates.review;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import io.github.camelclevertap.routetemplates.KafkaBroker;
import org.apache.camel.main.Main;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;

/** Helpers of the Kafka source reviews: the page's route under Camel Main, topics with configs, raw sends. */
final class KafkaSourceRun {

    static final String ROUTE = "routes/kafka-to-clevertap.yaml";
    static final String TOPIC = "shop-events";
    static final String DEAD_LETTERS = "shop-events.clevertap-rejected";
    static final String GROUP = "clevertap-upload";
    static final String PASSCODE = "pc-review-kafka-SECRET";

    private KafkaSourceRun() {
    }

    static CleverTapEmulator emulator(String account) {
        return CleverTapEmulator.builder().account(account, PASSCODE).build().start();
    }

    static Main start(KafkaBroker kafka, CleverTapEmulator emulator, String account, Map<String, String> extra)
            throws Exception {
        Main main = new Main();
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:" + ROUTE);
        main.addInitialProperty("kafka.bootstrap-servers", kafka.bootstrapServers());
        main.addInitialProperty("clevertap.region", "eu1");
        main.addInitialProperty("clevertap.account-id", account);
        main.addInitialProperty("clevertap.passcode", PASSCODE);
        main.addInitialProperty("clevertap.base-uri", emulator.baseUri().toString());
        main.addInitialProperty("camel.kamelet.clevertap-kafka-source.pollTimeout", "100");
        main.addInitialProperty("camel.kamelet.clevertap-sink.batchTimeout", "20");
        main.addInitialProperty("camel.kamelet.clevertap-sink.maxRetries", "0");
        extra.forEach(main::addInitialProperty);
        main.start();
        return main;
    }

    static void createTopic(KafkaBroker kafka, String topic, int partitions, Map<String, String> configs)
            throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(properties)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs))).all().get();
        }
    }

    static KafkaProducer<String, String> producer(KafkaBroker kafka) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(properties);
    }

    /** Sends in order, with a producer that takes records up to 4 MB. */
    static List<RecordMetadata> send(KafkaBroker kafka, String topic, List<Map.Entry<String, String>> keyedValues)
            throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(4 * 1024 * 1024));
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            List<Future<RecordMetadata>> sent = new java.util.ArrayList<>();
            for (Map.Entry<String, String> keyed : keyedValues) {
                sent.add(producer.send(new ProducerRecord<>(topic, keyed.getKey(), keyed.getValue())));
            }
            producer.flush();
            List<RecordMetadata> landed = new java.util.ArrayList<>();
            for (Future<RecordMetadata> f : sent) {
                landed.add(f.get());
            }
            return landed;
        }
    }

    static String profile(String identity) {
        return "{\"type\": \"profile\", \"identity\": \"" + identity + "\", \"profileData\": {\"Email\": \"" + identity
               + "@example.com\"}}";
    }

    static long storedCount(CleverTapEmulator emulator, String account, String identity) {
        return emulator.storedRecords(account).stream().filter(r -> identity.equals(r.get("identity"))).count();
    }

    static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
