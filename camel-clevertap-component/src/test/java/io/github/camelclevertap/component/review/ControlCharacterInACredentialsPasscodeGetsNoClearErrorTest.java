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
 * Promise: bad input gets a clear error naming the field and the rule. The endpoint's own passcode is refused at start
 * when it holds a control character, naming where it came from (PasscodeSource.sendable). A header account's passcode
 * from the credentials bean is not checked (CleverTapEndpoint.openAccount): a tab inside it is sent to CleverTap as is
 * (the JDK allows a tab in a header value) and comes back as HTTP 401 "check the account id, the passcode and the
 * region", the record undelivered, naming neither the account's credentials source (file and key) nor the rule; other
 * control characters fail at the HTTP client as "the account id or the passcode is not a valid HTTP header value".
 */
class ControlCharacterInACredentialsPasscodeGetsNoClearErrorTest extends ManyAccountsTestSupport {

    private static final String OWN = "ACC-Review-Ctl-own";
    private static final String OTHER = "ACC-Review-Ctl-other";

    @TempDir
    static Path dir;
    static Path file;

    @BeforeAll
    static void start() throws Exception {
        startEmulator(Map.of(OWN, "pc-own-SECRET", OTHER, "pc-other-SECRET"));
        file = dir.resolve("passcodes.properties");
        // a passcode with a control character inside (an escaped tab pasted from a spreadsheet)
        Files.writeString(file, OTHER + "=pc-other\\tSECRET\n");
    }

    @Override
    protected void configureComponent(CleverTapComponent component) {
        component.setCredentials(new PropertiesFileCredentials(file.toString()));
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return uploadRoute(route -> route.to(clevertap(OWN, "pc-own-SECRET", "&batchSize=1&maxRetries=0")));
    }

    @Test
    void aPasscodeWithAControlCharacterIsRefusedNamingItsSource() {
        Exchange exchange = send("direct:upload", OTHER, profile("u1", Map.of("Name", "U1")));

        assertThat(exchange.getException()).isNotNull();
        assertThat(exchange.getException().getMessage()).doesNotContain("SECRET")
                .contains("the key " + OTHER + " of the properties file " + file).containsIgnoringCase("control");
    }
}
