package io.github.camelclevertap.examples.quarkus;

import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;

/**
 * The refused start against the packaged app, launched as a process: its exit code and its output.
 */
@QuarkusMainIntegrationTest
class WebhookSecretRequiredIT extends WebhookSecretRequiredTest {
}
