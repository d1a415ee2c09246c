package io.github.camelclevertap.routetemplates;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kafka page's webhook route, run by Camel Main: a webhook call is answered once its payload is in Kafka, keyed by
 * user, and the Kafka source maps and uploads it; a payload the mapping cannot take goes to the dead-letter topic.
 */
class KafkaWebhookRouteTest {

    private static final String ROUTE = "routes/webhook-to-kafka.yaml";
    private static final String ACCOUNT = "ACC-KafkaWebhookRouteTest";
    private static final String PASSCODE = "pc-kafka-webhook-SECRET";
    private static final String SECRET = "wh-kafka-DO-NOT-LOG";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    @Order(1)
    static final KafkaBroker KAFKA = new KafkaBroker();
    @RegisterExtension
    @Order(2)
    static final CamelMainRunner CAMEL = CamelMainRunner.httpRoutes(ROUTE, ACCOUNT, PASSCODE)
            .property("clevertap.region", "eu1").property("webhook.secret", SECRET)
            .property("kafka.bootstrap-servers", KAFKA::bootstrapServers)
            .property("camel.kamelet.clevertap-kafka-source.pollTimeout", "100")
            .property("camel.kamelet.clevertap-sink.batchTimeout", "20");

    @BeforeAll
    static void topics() throws Exception {
        // created after the routes started: the producer and the consumer wait for them
        KAFKA.createTopic("boltic-signups", 2);
        KAFKA.createTopic("boltic-signups.clevertap-rejected", 1);
    }

    @Test
    void theCallerIsAnsweredOnceThePayloadIsInKafkaAndItIsUploadedFromThere() throws Exception {
        String signup = "{\"payload\": {\"name\": \"John D\", \"user_id\": \"1717\"}}";
        HttpResponse<String> response = post(signup);
        assertThat(response.statusCode()).isEqualTo(200);

        List<ConsumerRecord<String, String>> inKafka = KAFKA.readAll("boltic-signups");
        assertThat(inKafka).hasSize(1);
        assertThat(inKafka.get(0).key()).isEqualTo("1717");
        assertThat(inKafka.get(0).value()).isEqualTo(signup);
        assertThat(inKafka.get(0).headers().lastHeader("X-Webhook-Secret")).isNull();

        await().atMost(Duration.ofSeconds(20)).until(() -> !CAMEL.emulator().get().storedRecords().isEmpty());
        assertThat(CAMEL.emulator().get().storedRecords()).containsExactly(
                Map.of("identity", "1717", "type", "profile", "profileData", Map.of("Name", "John D")));

        HttpResponse<String> unmappable = post("{\"payload\": {\"name\": \"No Id\"}}");
        assertThat(unmappable.statusCode()).as("in Kafka: the mapping comes later").isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !KAFKA.readAll("boltic-signups.clevertap-rejected").isEmpty());
        ConsumerRecord<String, String> rejected = KAFKA.readAll("boltic-signups.clevertap-rejected").get(0);
        assertThat(rejected.value()).isEqualTo("{\"payload\": {\"name\": \"No Id\"}}");
        assertThat(new String(rejected.headers().lastHeader("clevertap.error").value(), StandardCharsets.UTF_8))
                .contains("identity");
        assertThat(CAMEL.emulator().get().storedRecords()).hasSize(1);
        assertThat(Files.readString(Path.of("target/route-templates-test.log"))).doesNotContain(SECRET)
                .doesNotContain(PASSCODE);
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(CAMEL.uri("boltic/signup"))
                .header("Content-Type", "application/json").header("X-Webhook-Secret", SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
