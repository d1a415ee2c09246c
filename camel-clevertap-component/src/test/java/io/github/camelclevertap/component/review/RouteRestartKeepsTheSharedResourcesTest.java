package io.github.camelclevertap.component.review;

import java.util.Map;

import io.github.camelclevertap.component.CleverTapComponent;
import io.github.camelclevertap.component.CleverTapConstants;
import io.github.camelclevertap.component.credentials.CleverTapCredentials;
import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit6.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds (enabled): a route stopped and started while another route of the component keeps its producer (a stop of one
 * producer must not close what the component's endpoints share): both the endpoint's own account and a header
 * account upload afterwards, on both routes. (A whole context restart is not tried: Camel 4 does not bring the
 * direct: routes back.)
 */
class RouteRestartKeepsTheSharedResourcesTest extends CamelTestSupport {

    private static final String OWN = "ACC-Review-Restart-own";
    private static final String OTHER = "ACC-Review-Restart-other";

    static CleverTapEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        emulator = CleverTapEmulator.builder().account(OWN, "pc-own-SECRET").account(OTHER, "pc-other-SECRET")
                .build().start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camelContext = super.createCamelContext();
        CleverTapComponent component = new CleverTapComponent();
        component.setCredentials(new CleverTapCredentials() {
            @Override
            public String passcode(String accountId) {
                return OTHER.equals(accountId) ? "pc-other-SECRET" : null;
            }

            @Override
            public String describe(String accountId) {
                return "the test's map";
            }
        });
        camelContext.addComponent("clevertap", component);
        return camelContext;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                String uri = "clevertap:profile?region=eu1&accountId=" + OWN + "&passcode=pc-own-SECRET&baseUri="
                             + emulator.baseUri() + "&maxRetries=0&batchTimeout=10";
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
        Exchange exchange = template.send(route, e -> {
            if (account != null) {
                e.getMessage().setHeader(CleverTapConstants.ACCOUNT_ID, account);
            }
            e.getMessage().setBody(Map.of("type", "profile", "identity", identity, "profileData", Map.of("N", 1)));
        });
        assertThat(exchange.getException()).as("exchange %s", identity).isNull();
    }
}
