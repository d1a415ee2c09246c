package io.github.camelclevertap.component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every logger at TRACE: with the passcode set on the component it appears nowhere in the log, Camel's own URI
 * tracing included. (Camel core traces endpoint URIs before any component sees them and logs property placeholder
 * values at DEBUG; it masks only the keys it knows, and `passcode` is not one of them.)
 */
class PasscodeLoggingTest extends CleverTapTestSupport {

    private static final Path LOG = Path.of("target/camel-clevertap-test.log");
    private static long logStart;

    @BeforeAll
    static void logEverything() throws IOException {
        logStart = Files.exists(LOG) ? Files.size(LOG) : 0;
        Configurator.setRootLevel(Level.TRACE);
    }

    @AfterAll
    static void logLess() {
        Configurator.setRootLevel(Level.INFO);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        CleverTapComponent component = new CleverTapComponent();
        component.getConfiguration().setPasscode(PASSCODE);
        context.addComponent("clevertap", component);
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:component").to("clevertap:profile?region=eu1&accountId=" + accountId + "&baseUri="
                                            + emulator.baseUri() + "&batchTimeout=10");
            }
        };
    }

    @Test
    void tracingEverythingShowsNoPasscode() throws IOException {
        Exchange profile = template.send("direct:component",
                e -> e.getMessage().setBody(profile("1", Map.of("Name", "One"))));
        Exchange failed = template.send("clevertap:event?region=eu1&accountId=unknown&baseUri=" + emulator.baseUri()
                                        + "&batchTimeout=10",
                e -> e.getMessage().setBody(event("1", "Clicked", Map.of("Button", "Buy"))));

        assertThat(profile.getException()).isNull();
        assertThat(failed.getException()).hasMessageContaining("HTTP 401");
        assertThat(emulator.requests()).extracting(r -> r.status()).containsExactly(200, 401);
        String log = readLogSinceStart();
        assertThat(log).as("TRACE output was captured").contains(" TRACE ", " DEBUG ", "Uploading 1 records")
                .doesNotContain(PASSCODE);
    }

    private static String readLogSinceStart() throws IOException {
        byte[] all = Files.readAllBytes(LOG);
        return new String(all, (int) logStart, all.length - (int) logStart, java.nio.charset.StandardCharsets.UTF_8);
    }
}
