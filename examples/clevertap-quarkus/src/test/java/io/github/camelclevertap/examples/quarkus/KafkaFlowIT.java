package io.github.camelclevertap.examples.quarkus;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The Kafka checks against the packaged app (the runnable jar, or the native executable with -Dnative).
 */
@QuarkusIntegrationTest
class KafkaFlowIT extends KafkaFlowTest {
}
