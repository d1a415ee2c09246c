package io.github.camelclevertap.component;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A passcode written into an endpoint URI must not leak through the URIs Camel prints or exception messages.
 */
class SecretMaskingTest extends CleverTapTestSupport {

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
    void exceptionMessagesDoNotHoldThePasscode() {
        template.send("direct:upload", e -> e.getMessage().setBody(profile("1", Map.of("Name", "One"))));
        Exchange unauthorised = template.send("direct:unauthorised",
                e -> e.getMessage().setBody(profile("2", Map.of("Name", "Two"))));

        assertThat(unauthorised.getException()).isNotNull();
        Throwable failure = unauthorised.getException();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSCODE);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = { "RAW(a)b)c", "RAW(a))", "RAW{a}b}", "plain)x" })
    void aPasscodeWithClosingBracketsIsMaskedWhole(String passcode) {
        String masked = CleverTapComponent.maskPasscode(
                "clevertap:event?accountId=A&passcode=" + passcode + "&region=eu1");
        assertThat(masked).isEqualTo("clevertap:event?accountId=A&passcode=xxxxxx&region=eu1");
        assertThat(CleverTapComponent.maskPasscode("clevertap:event?passcode=" + passcode))
                .isEqualTo("clevertap:event?passcode=xxxxxx");
    }
}
