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
 * Promise: bad input gets a clear error naming the field and the rule. The endpoint's own passcode is refused at start
 * when it holds a control character, naming where it came from (PasscodeSource.sendable). A header account's passcode
 * from the credentials bean is not checked (CleverTapEndpoint.openAccount): a tab inside it is sent to CleverTap as is
 * (the JDK allows a tab in a header value) and comes back as HTTP 401 "check the account id, the passcode and the
 * region", the record undelivered, naming neither the account's credentials source (file and key) nor the rule; other
 * control characters fail at the HTTP client as "the account id or the passcode is not a valid HTTP header value".
 */
class ControlCharacterInACredentialsPasscodeGetsNoClearErrorTest extends CamelTestSupport {

    private static final String OWN = "ACC-Review-Ctl-own";
    private static final String OTHER = "ACC-Review-Ctl-other";

    static CleverTapEmulator emulator;
    @TempDir
    static Path dir;
    static Path file;

    @BeforeAll
    static void start() throws Exception {
        emulator = CleverTapEmulator.builder().account(OWN, "pc-own-SECRET").account(OTHER, "pc-other-SECRET")
                .build().start();
        file = dir.resolve("passcodes.properties");
        // a passcode with a control character inside (an escaped tab pasted from a spreadsheet)
        Files.writeString(file, OTHER + "=pc-other\\tSECRET\n");
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
                from("direct:upload").to("clevertap:profile?region=eu1&accountId=" + OWN + "&passcode=pc-own-SECRET"
                                         + "&baseUri=" + emulator.baseUri() + "&batchSize=1&maxRetries=0");
            }
        };
    }

    @Test
    void aPasscodeWithAControlCharacterIsRefusedNamingItsSource() {
        Exchange exchange = template.send("direct:upload", e -> {
            e.getMessage().setHeader(CleverTapConstants.ACCOUNT_ID, OTHER);
            e.getMessage().setBody(Map.of("type", "profile", "identity", "u1", "profileData", Map.of("Name", "U1")));
        });

        assertThat(exchange.getException()).isNotNull();
        assertThat(exchange.getException().getMessage()).doesNotContain("SECRET")
                .contains("the key " + OTHER + " of the properties file " + file).containsIgnoringCase("control");
    }
}
