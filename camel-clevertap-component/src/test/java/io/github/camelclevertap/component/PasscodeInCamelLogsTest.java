package io.github.camelclevertap.component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.apache.camel.util.SensitiveUtils;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Full Camel Main runs with every logger at TRACE: where the passcode can and cannot appear.
 *
 * <p>Safe, in no log line at any level: the passcode set on the component in code, read from the file named by
 * `passcodeFile` (both here), or from the environment variable named by `passcodeEnvVar`, `CLEVERTAP_PASSCODE` by
 * default (route-templates' `SecretsFromEnvironmentTest`, in a child JVM that has the variable). Camel then sees at
 * most a name.
 *
 * <p>Not safe below INFO: a passcode in properties, property placeholders or endpoint URIs. Camel 4.17 already counts
 * `passcode` among its sensitive keys ({@link SensitiveUtils}) and masks it in the URIs it sanitises, but some of its
 * DEBUG and TRACE statements print values without asking: Camel Main's list of properties, each resolved property
 * placeholder, and the raw URI of every endpoint being created. Such a passcode is therefore in those lines, whatever
 * the key; only the component's own code is under this project's control, and it never logs the passcode.
 */
class PasscodeInCamelLogsTest extends CleverTapTestSupport {

    private static final Path LOG = Path.of("target/camel-clevertap-test.log");
    /** The Camel core classes that print property values or raw endpoint URIs at DEBUG or TRACE (Camel 4.17). */
    private static final Set<String> CAMEL_CORE_LOGGERS = Set.of("BaseMainSupport", "MainHelper",
            "DefaultPropertiesLookup", "DefaultPropertiesParser", "PropertiesComponent", "DefaultCamelContextExtension",
            "EndpointHelper", "AbstractCamelContext", "DefaultComponent");

    private long logStart;

    @BeforeEach
    void logEverything() throws IOException {
        logStart = Files.size(LOG);
        Configurator.setRootLevel(Level.TRACE);
    }

    @AfterEach
    void logLess() {
        Configurator.setRootLevel(Level.INFO);
    }

    @Test
    void camelAlreadyTreatsPasscodeAsSensitive() {
        assertThat(SensitiveUtils.containsSensitive("camel.component.clevertap.passcode")).isTrue();
    }

    @Test
    void aPasscodeGivenToTheComponentInCodeAppearsInNoLogLine() throws Exception {
        CleverTapComponent component = new CleverTapComponent();
        component.getConfiguration().setPasscode(PASSCODE);

        List<String> lines = runMain(component, Map.of(), "");

        assertThat(String.join("\n", lines)).as("TRACE output of Camel core was captured")
                .contains(" TRACE AbstractCamelContext", " DEBUG ", "Uploading 1 records").doesNotContain(PASSCODE);
    }

    @Test
    void aPasscodeReadFromTheFileOfPasscodeFileAppearsInNoLogLine(@TempDir Path secrets) throws Exception {
        Path file = Files.writeString(secrets.resolve("clevertap-passcode"), PASSCODE);

        List<String> lines = runMain(new CleverTapComponent(),
                Map.of("camel.component.clevertap.passcode-file", file.toString()), "");

        assertThat(String.join("\n", lines)).as("TRACE output of Camel core was captured")
                .contains(" TRACE AbstractCamelContext", "camel.component.clevertap.passcodeFile=" + file,
                        "Uploading 1 records")
                .doesNotContain(PASSCODE);
    }

    @Test
    void aPasscodeInPropertiesOrUrisAppearsOnlyInCamelCoresDebugAndTraceLines() throws Exception {
        List<String> lines = runMain(new CleverTapComponent(),
                Map.of("camel.component.clevertap.passcode", PASSCODE, "clevertap.passcode", PASSCODE),
                "&passcode={{clevertap.passcode}}");

        List<String> leaks = lines.stream().filter(line -> line.contains(PASSCODE)).toList();
        assertThat(leaks).as("the limitation this test documents still exists").isNotEmpty();
        assertThat(leaks).allSatisfy(line -> {
            String[] fields = line.split("\\s+");
            assertThat(fields[4]).as(line).isIn("DEBUG", "TRACE");
            assertThat(fields[5]).as(line).isIn(CAMEL_CORE_LOGGERS);
        });
    }

    /**
     * Runs Camel Main with the component, uploads one record and provokes a 401, and returns the log lines written
     * meanwhile.
     */
    private List<String> runMain(CleverTapComponent component, Map<String, String> properties, String uriOptions)
            throws Exception {
        Main main = new Main();
        main.bind("clevertap", component);
        properties.forEach(main::addInitialProperty);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:signups").routeId("signups").to("clevertap:profile?region=eu1&accountId=" + accountId
                                                             + "&batchTimeout=10&baseUri=" + emulator.baseUri()
                                                             + uriOptions);
            }
        });
        main.start();
        try {
            Exchange stored = main.getCamelTemplate().send("direct:signups",
                    e -> e.getMessage().setBody(profile("1", Map.of("Name", "One"))));
            Exchange refused = main.getCamelTemplate().send("clevertap:event?region=eu1&accountId=unknown&baseUri="
                                                            + emulator.baseUri() + "&batchTimeout=10",
                    e -> e.getMessage().setBody(event("1", "Clicked", Map.of())));
            assertThat(stored.getException()).isNull();
            assertThat(refused.getException()).hasMessageContaining("HTTP 401").hasMessageNotContaining(PASSCODE);
        } finally {
            main.stop();
        }
        byte[] all = Files.readAllBytes(LOG);
        String written = new String(all, (int) logStart, all.length - (int) logStart, StandardCharsets.UTF_8);
        return Arrays.asList(written.split("\n"));
    }
}
