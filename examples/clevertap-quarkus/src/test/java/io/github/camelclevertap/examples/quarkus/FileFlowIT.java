package io.github.camelclevertap.examples.quarkus;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The file checks against the packaged app.
 */
@QuarkusIntegrationTest
class FileFlowIT extends FileFlowTest {
}
