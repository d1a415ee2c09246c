package io.github.camelclevertap.examples.quarkus;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The checks with CleverTap credentials against the packaged app (the runnable jar, or the native executable).
 */
@QuarkusIntegrationTest
class RealCleverTapIT extends RealCleverTapTest {
}
