package io.github.camelclevertap.component.review;

import java.util.Map;

import io.github.camelclevertap.component.CleverTapComponent;
import io.github.camelclevertap.component.ManyAccountsTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer health check with many lanes. The lanes share the producer's one CleverTapProducerHealthCheck: one
 * header account with a wrong passcode (a typo in the credentials file) marks the producer DOWN (readiness: the whole
 * instance leaves service for every account), and the check's details name the endpoint's own account, which works,
 * as the failing one. Reported with the endpoint's account id, an operator rotates the wrong passcode.
 */
class OneHeaderAccountsWrongPasscodeMarksTheEndpointsAccountDownTest extends ManyAccountsTestSupport {

    private static final String OWN = "ACC-Review-Health-own";
    private static final String BAD = "ACC-Review-Health-bad";


    @BeforeAll
    static void startEmulator() {
        startEmulator(Map.of(OWN, "pc-own-SECRET", BAD, "pc-bad-right-SECRET"));
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camelContext = super.createCamelContext();
        enableProducerHealthChecks(camelContext);
        return camelContext;
    }

    @Override
    protected void configureComponent(CleverTapComponent component) {
        // a typo in the credentials file
        component.setCredentials(credentials(Map.of(BAD, "pc-bad-typo-SECRET")));
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return uploadRoute(route -> route.routeId("tenants")
                .to(clevertap(OWN, "pc-own-SECRET", "&batchSize=1&maxRetries=0")));
    }

    @Test
    void aDownCheckNamesTheAccountThatFails() {
        assertThat(send(OWN).getException()).isNull();
        assertThat(send(BAD).getException()).isNotNull();

        HealthCheck.Result result = HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().equals("producer:clevertap-tenants")).findFirst().orElseThrow();
        // design (fix #20): a header account's failure is listed by id in the details, without DOWN, so one tenant's
        // wrong passcode does not take the instance out of service for the others
        assertThat(result.getState()).as("message: %s", result.getMessage().orElse("")).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getDetails().get("clevertap.failing.accounts")).isEqualTo(BAD);
        if (result.getState() == HealthCheck.State.DOWN) {
            assertThat(result.getDetails().get("clevertap.account.id"))
                    .as("the account a DOWN producer check names (message: %s)", result.getMessage().orElse(""))
                    .isEqualTo(BAD);
        }
    }

    private Exchange send(String account) {
        return send("direct:upload", account, profile("u-" + account, Map.of("Name", "U")));
    }
}
