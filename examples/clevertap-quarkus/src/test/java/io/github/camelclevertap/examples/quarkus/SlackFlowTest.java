package io.github.camelclevertap.examples.quarkus;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Slack flow stays off until a token is set: its route is not even created, while the other flows run.
 */
@QuarkusTest
@WithTestResource(EmbeddedDefaults.class)
class SlackFlowTest {

    @Inject
    CamelContext context;

    @Test
    void slackRouteIsNotCreatedWithoutAToken() {
        assertThat(context.getRoute("slack-to-clevertap")).isNull();
        assertThat(context.getRoute("webhook-to-clevertap")).isNotNull();
        assertThat(context.getRoute("files-to-clevertap")).isNotNull();
    }
}
