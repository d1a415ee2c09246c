package io.github.camelclevertap.routetemplates.review;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import static io.github.camelclevertap.routetemplates.review.KafkaSourceRun.TOPIC;
import static io.github.camelclevertap.routetemplates.review.KafkaSourceRun.profile;
import static io.github.camelclevertap.routetemplates.review.KafkaSourceRun.storedCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Promise: SASL/SSL secrets never logged. The JAAS password and the SSL passwords hold characters that URI handling
 * and masking could split on ({@code &}, {@code =}, {@code ?}, {@code %}, a space, a quote); after a run that also
 * dead-letters a record, no part of them is in the log. Holds on the current code.
 */
class ReviewKafkaSaslSecretWithSpecialCharactersStaysOutOfTheLogTest {

    private static final String ACCOUNT = "ACC-ReviewKafkaSecrets";
    private static final String JAAS_TAIL = "JAASTAILSECRET";
    private static final String JAAS_PASSWORD = "p&w=1?x%41 y'" + JAAS_TAIL;
    private static final String TRUST_TAIL = "TRUSTTAILSECRET";
    private static final String TRUST_PASSWORD = "t&k=2 " + TRUST_TAIL;

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
        main = KafkaSourceRun.start(KAFKA, emulator, ACCOUNT, Map.of(
                "camel.kamelet.clevertap-kafka-source.saslJaasConfig",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\""
                + JAAS_PASSWORD + "\";",
                "camel.kamelet.clevertap-kafka-source.sslTruststorePassword", TRUST_PASSWORD));
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
    void noPartOfTheSecretsReachesTheLog() throws Exception {
        KafkaSourceRun.send(KAFKA, TOPIC, List.of(Map.entry("ok", profile("ok")), Map.entry("bad", "not json")));
        await().atMost(Duration.ofSeconds(20)).until(() -> storedCount(emulator, ACCOUNT, "ok") >= 1
                                                          && KAFKA.readAll(DEAD_LETTERS).size() >= 1);
        String log = Files.readString(Path.of("target/route-templates-test.log"), StandardCharsets.UTF_8);
        assertThat(log).doesNotContain(JAAS_TAIL).doesNotContain(TRUST_TAIL).doesNotContain("x%41")
                .doesNotContain(KafkaSourceRun.PASSCODE);
    }
}
