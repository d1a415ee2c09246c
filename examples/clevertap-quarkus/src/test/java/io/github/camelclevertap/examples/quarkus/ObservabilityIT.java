package io.github.camelclevertap.examples.quarkus;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Health and meters of the packaged app.
 */
@QuarkusIntegrationTest
class ObservabilityIT extends ObservabilityTest {
}
