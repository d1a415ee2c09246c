package io.github.camelclevertap.component.review;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.camelclevertap.component.CleverTapComponent;
import io.github.camelclevertap.component.ManyAccountsTestSupport;
import io.github.camelclevertap.component.credentials.PropertiesFileCredentials;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
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
class HeaderNamingTheEndpointsAccountWithWhiteSpaceFailsTest extends ManyAccountsTestSupport {

    private static final String OWN = "ACC-Review-Space-own";
    private static final String OTHER = "ACC-Review-Space-other";

    @TempDir
    static Path dir;
    static Path file;

    @BeforeAll
    static void start() throws Exception {
        startEmulator(Map.of(OWN, "pc-own-SECRET", OTHER, "pc-other-SECRET"));
        file = dir.resolve("passcodes.properties");
        Files.writeString(file, OTHER + "=pc-other-SECRET\n");
    }

    @Override
    protected void configureComponent(CleverTapComponent component) {
        component.setCredentials(new PropertiesFileCredentials(file.toString()));
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        // the option with a trailing space (URL-encoded) is accepted: stripped
        return uploadRoute(route -> route.to(clevertap(OWN + "%20", "pc-own-SECRET", "&batchSize=1&maxRetries=0")));
    }

    @Test
    void aHeaderWithSurroundingWhiteSpaceIsStrippedOrRefusedNamingTheRule() {
        for (String account : new String[] { OWN + " ", OTHER + " " }) {
            Exchange exchange = send("direct:upload", account, profile("u1", Map.of("N", 1)));
            if (exchange.getException() != null) {
                assertThat(exchange.getException().getMessage()).as("header '%s'", account)
                        .containsIgnoringCase("white space");
            }
        }
    }
}
