package io.github.camelclevertap.component.review;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.camelclevertap.component.CleverTapComponent;
import io.github.camelclevertap.component.CleverTapConstants;
import io.github.camelclevertap.component.credentials.PropertiesFileCredentials;
import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit6.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Promise: bad input gets a clear error naming the field and the rule. The option accountId is stripped
 * (CleverTapConfiguration.setAccountId), the header CamelCleverTapAccountId is not (CleverTapProducer.laneFor only
 * refuses a blank one): a header naming a known account with a trailing space (a CSV column, a form field) is taken as
 * another account, and the exchange fails with "names account X , which has no passcode in the key X  of the properties
 * file", where the white space is invisible and no rule is named; the same value as the endpoint option works.
 */
class HeaderNamingTheEndpointsAccountWithWhiteSpaceFailsTest extends CamelTestSupport {

    private static final String OWN = "ACC-Review-Space-own";
    private static final String OTHER = "ACC-Review-Space-other";

    static CleverTapEmulator emulator;
    @TempDir
    static Path dir;
    static Path file;

    @BeforeAll
    static void start() throws Exception {
        emulator = CleverTapEmulator.builder().account(OWN, "pc-own-SECRET").account(OTHER, "pc-other-SECRET")
                .build().start();
        file = dir.resolve("passcodes.properties");
        Files.writeString(file, OTHER + "=pc-other-SECRET\n");
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camelContext = super.createCamelContext();
        CleverTapComponent component = new CleverTapComponent();
        component.setCredentials(new PropertiesFileCredentials(file.toString()));
        camelContext.addComponent("clevertap", component);
        return camelContext;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // the option with a trailing space (URL-encoded) is accepted: stripped
                from("direct:upload").to("clevertap:profile?region=eu1&accountId=" + OWN + "%20&passcode=pc-own-SECRET"
                                         + "&baseUri=" + emulator.baseUri() + "&batchSize=1&maxRetries=0");
            }
        };
    }

    @Test
    void aHeaderWithSurroundingWhiteSpaceIsStrippedOrRefusedNamingTheRule() {
        for (String account : new String[] { OWN + " ", OTHER + " " }) {
            Exchange exchange = template.send("direct:upload", e -> {
                e.getMessage().setHeader(CleverTapConstants.ACCOUNT_ID, account);
                e.getMessage().setBody(Map.of("type", "profile", "identity", "u1", "profileData", Map.of("N", 1)));
            });
            if (exchange.getException() != null) {
                assertThat(exchange.getException().getMessage()).as("header '%s'", account)
                        .containsIgnoringCase("white space");
            }
        }
    }
}
