package io.github.camelclevertap.component;

import java.util.Map;

import io.github.camelclevertap.emulator.Fault;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProducerHealthCheckTest extends CleverTapTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload").routeId("signups").to(clevertap("profile", "batchTimeout=10&maxRetries=0"));
            }
        };
    }

    private HealthCheck.Result producerCheck() {
        return producerCheck("signups");
    }

    @Test
    void downWhileCleverTapTakesNothingAndUpAgainOnceItDoes() {
        assertThat(producerCheck().getState()).isEqualTo(HealthCheck.State.UP);

        emulator.faults().enqueue(Fault.status(503));
        template.send("direct:upload", e -> e.getMessage().setBody(profile("1", Map.of("Name", "One"))));

        HealthCheck.Result down = producerCheck();
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("HTTP 503"));
        assertThat(down.getDetails()).containsEntry(HealthCheck.HTTP_RESPONSE_CODE, 503)
                .containsEntry("clevertap.url", emulator.baseUri().toString())
                .containsEntry("clevertap.account.id", accountId)
                .containsEntry("clevertap.records.without.answer", 0L);
        assertThat(down.getDetails().values()).map(String::valueOf).noneMatch(v -> v.contains(PASSCODE));

        template.send("direct:upload", e -> e.getMessage().setBody(profile("2", Map.of("Name", "Two"))));

        assertThat(producerCheck().getState()).isEqualTo(HealthCheck.State.UP);
    }
}
