package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.main.Main;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The safe way to give the Kamelets their secrets, proven with every logger at TRACE: the sink's passcode in
 * `CLEVERTAP_PASSCODE` and the webhook secret in `CLEVERTAP_WEBHOOK_SECRET` (the defaults of `passcodeEnvVar` and
 * `secretEnvVar`). Camel core then sees only the variables' names, so neither secret is in any line of a child JVM's
 * whole output (Camel Main's property dumps, resolved placeholders, endpoint URIs, Vert.x, the component), while the
 * upload works (the emulator checks the passcode) and the webhook admits exactly the callers that know the secret.
 */
class SecretsFromEnvironmentTest {

    private static final String ACCOUNT = "ACC-SecretsFromEnvironmentTest";
    private static final String PASSCODE = "pc-env-9d41c7-SECRET";
    private static final String SECRET = "wh-env-5e8b2a-SECRET";

    @TempDir
    static Path directory;

    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension(emulator -> emulator.account(ACCOUNT, PASSCODE));

    @Test
    void secretsFromTheEnvironmentAppearInNoLineOfATraceRun() throws Exception {
        Path log = Path.of("target/secrets-from-environment-forked.log");
        Files.deleteIfExists(log);
        ChildWebhook webhook = new ChildWebhook(ACCOUNT, PASSCODE, EMULATOR.get().baseUri(), SECRET);

        int wrongSecret;
        try (ForkedJvm jvm = webhook.start(1000, "log4j2-forked-trace.properties", directory, log)) {
            webhook.awaitAnswered("env-1");
            wrongSecret = webhook.call("env-2", "not-" + SECRET);
            jvm.stop();
        }

        assertThat(wrongSecret).as("a caller without the secret").isEqualTo(401);
        assertThat(EMULATOR.get().storedRecords(ACCOUNT)).as("uploaded with the passcode of the environment")
                .singleElement().satisfies(record -> assertThat(record.get("identity")).isEqualTo("env-1"));
        String output = Files.readString(log);
        assertThat(output).as("the child JVM's whole output, every logger at TRACE")
                .contains(" TRACE AbstractCamelContext", " DEBUG DefaultPropertiesParser", " DEBUG BaseMainSupport",
                        "with value: CLEVERTAP_WEBHOOK_SECRET",
                        "passcodeEnvVar=CLEVERTAP_PASSCODE", "Uploading 1 records")
                .doesNotContain(PASSCODE).doesNotContain(SECRET);
    }

    @Test
    void aMissingVariableFailsTheStartNamingTheOptionAndTheVariable() {
        assertThat(System.getenv("CLEVERTAP_TEST_UNSET")).isNull();

        assertThatThrownBy(() -> startMain(List.of("camel.kamelet.clevertap-webhook-source.secretEnvVar",
                "CLEVERTAP_TEST_UNSET"))).hasStackTraceContaining("the webhook secret is not set: secret is empty and "
                                                                  + "the environment variable CLEVERTAP_TEST_UNSET "
                                                                  + "named by secretEnvVar is not set");
        // PATH stands in for a set variable: the webhook starts, the sink does not
        assertThatThrownBy(() -> startMain(List.of("camel.kamelet.clevertap-webhook-source.secretEnvVar", "PATH",
                "camel.kamelet.clevertap-sink.passcodeEnvVar", "CLEVERTAP_TEST_UNSET")))
                .hasStackTraceContaining("Option passcode is required: it is not set, and the environment variable "
                                         + "CLEVERTAP_TEST_UNSET named by option passcodeEnvVar is not set");
    }

    private static void startMain(List<String> properties) throws Exception {
        Main main = new Main();
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:routes/clevertap-webhook-env.yaml");
        main.addInitialProperty("clevertap.account-id", ACCOUNT);
        main.addInitialProperty("clevertap.base-uri", EMULATOR.get().baseUri().toString());
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", "127.0.0.1");
        main.addInitialProperty("camel.server.port", String.valueOf(AvailablePortFinder.getNextAvailable()));
        for (int i = 0; i < properties.size(); i += 2) {
            main.addInitialProperty(properties.get(i), properties.get(i + 1));
        }
        try {
            main.start();
        } finally {
            main.stop();
        }
    }
}
