package io.github.camelclevertap.component.review;

import java.util.Map;

import io.github.camelclevertap.component.CleverTapComponent;
import io.github.camelclevertap.component.ManyAccountsTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds (enabled): a route stopped and started while another route of the component keeps its producer (a stop of one
 * producer must not close what the component's endpoints share): both the endpoint's own account and a header
 * account upload afterwards, on both routes. (A whole context restart is not tried: Camel 4 does not bring the
 * direct: routes back.)
 */
class RouteRestartKeepsTheSharedResourcesTest extends ManyAccountsTestSupport {

    private static final String OWN = "ACC-Review-Restart-own";
    private static final String OTHER = "ACC-Review-Restart-other";


    @BeforeAll
    static void startEmulator() {
        startEmulator(Map.of(OWN, "pc-own-SECRET", OTHER, "pc-other-SECRET"));
    }

    @Override
    protected void configureComponent(CleverTapComponent component) {
        component.setCredentials(credentials(Map.of(OTHER, "pc-other-SECRET")));
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                String uri = clevertap(OWN, "pc-own-SECRET", "&maxRetries=0&batchTimeout=10");
                from("direct:one").routeId("one").to(uri);
                from("direct:two").routeId("two").to(uri + "&batchSize=7");
            }
        };
    }

    @Test
    void uploadsWorkAfterEitherRouteRestarts() throws Exception {
        assertSent("direct:one", null, "a1");
        assertSent("direct:two", OTHER, "a2");

        context.getRouteController().stopRoute("one");
        assertSent("direct:two", null, "b1");
        assertSent("direct:two", OTHER, "b2");
        context.getRouteController().startRoute("one");
        assertSent("direct:one", OTHER, "b3");

        context.getRouteController().stopRoute("two");
        context.getRouteController().startRoute("two");
        assertSent("direct:two", null, "c1");
        assertSent("direct:two", OTHER, "c2");
        assertSent("direct:one", OTHER, "c3");

        assertThat(emulator.storedRecords(OWN)).hasSize(3);
        assertThat(emulator.storedRecords(OTHER)).hasSize(5);
    }

    private void assertSent(String route, String account, String identity) {
        Exchange exchange = send(route, account, profile(identity, Map.of("N", 1)));
        assertThat(exchange.getException()).as("exchange %s", identity).isNull();
    }
}
