package io.github.camelclevertap.component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.URISupport;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The passcode must not leak through logs (at every level), endpoint URIs Camel prints, or exception messages.
 */
class SecretMaskingTest extends CleverTapTestSupport {

    private static final Path LOG = Path.of("target/camel-clevertap-test.log");

    @BeforeAll
    static void logEverything() {
        Configurator.setRootLevel(Level.TRACE);
    }

    @AfterAll
    static void logLess() {
        Configurator.setRootLevel(Level.INFO);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload").routeId("upload").to(clevertap("profile", "batchTimeout=10"));
                from("direct:unauthorised").to("clevertap:profile?region=eu1&accountId=" + accountId
                                               + "&passcode=RAW(" + PASSCODE + "&x)&baseUri=" + emulator.baseUri()
                                               + "&batchTimeout=10");
            }
        };
    }

    @Test
    void endpointUrisAreMasked() {
        assertThat(context.getEndpoints()).filteredOn(CleverTapEndpoint.class::isInstance)
                .hasSize(2)
                .allSatisfy(endpoint -> {
                    assertThat(endpoint.getEndpointUri()).doesNotContain(PASSCODE).contains("passcode=xxxxxx");
                    assertThat(URISupport.sanitizeUri(endpoint.getEndpointUri())).doesNotContain(PASSCODE);
                    assertThat(endpoint.toString()).doesNotContain(PASSCODE);
                });
        assertThat(context.getRoute("upload").getEndpoint().getEndpointUri()).doesNotContain(PASSCODE);
    }

    @Test
    void theMaskedEndpointStillSendsTheRealPasscode() {
        Exchange exchange = template.send("direct:upload", e -> e.getMessage().setBody(profile("1", Map.of())));

        assertThat(exchange.getException()).isNull();
        assertThat(emulator.requests().get(0).status()).isEqualTo(200);
    }

    @Test
    void neitherLogsNorExceptionsHoldThePasscode() throws IOException {
        template.send("direct:upload", e -> e.getMessage().setBody(profile("1", Map.of("Name", "One"))));
        Exchange unauthorised = template.send("direct:unauthorised",
                e -> e.getMessage().setBody(profile("2", Map.of("Name", "Two"))));

        assertThat(unauthorised.getException()).isNotNull();
        Throwable failure = unauthorised.getException();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSCODE);
        }
        String log = Files.readString(LOG);
        assertThat(log).as("DEBUG and TRACE output was captured").contains("DEBUG", "TRACE")
                .contains("Uploading 1 records")
                .doesNotContain(PASSCODE);
    }
}
