package io.github.camelclevertap.examples.quarkus;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The Slack checks against the packaged app (the runnable jar, or the native executable with -Dnative).
 */
@QuarkusIntegrationTest
class SlackFlowOnIT extends SlackFlowOnTest {
}
