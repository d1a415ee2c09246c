package io.github.camelclevertap.examples.quarkus;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The SQL checks against the packaged app: its embedded database, seeded at start-up.
 */
@QuarkusIntegrationTest
class SqlFlowIT extends SqlFlowTest {
}
