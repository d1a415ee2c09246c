package io.github.camelclevertap.component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where the passcode comes from when no option holds it: an environment variable named by `passcodeEnvVar` or a file
 * named by `passcodeFile`. Errors name the options and the variable or file, never a value. (A real environment
 * variable is read in a child JVM by route-templates' `SecretsFromEnvironmentTest`.)
 */
class PasscodeSourceTest extends CleverTapTestSupport {

    @TempDir
    Path secrets;

    private static CleverTapConfiguration configuration(String passcode) {
        CleverTapConfiguration configuration = new CleverTapConfiguration();
        configuration.setPasscode(passcode);
        return configuration;
    }

    @Test
    void theOptionWinsOverTheEnvironment() {
        assertThat(PasscodeSource.resolve(configuration("from-option"), Map.of("CLEVERTAP_PASSCODE", "env")::get))
                .isEqualTo("from-option");
    }

    @Test
    void withoutTheOptionTheDefaultVariableIsRead() {
        assertThat(PasscodeSource.resolve(configuration(null), Map.of("CLEVERTAP_PASSCODE", " from-env\n")::get))
                .isEqualTo("from-env");
    }

    @Test
    void passcodeEnvVarNamesAnotherVariable() {
        CleverTapConfiguration configuration = configuration("");
        configuration.setPasscodeEnvVar("EU_PASSCODE");

        assertThat(PasscodeSource.resolve(configuration,
                Map.of("CLEVERTAP_PASSCODE", "default", "EU_PASSCODE", "eu")::get)).isEqualTo("eu");
    }

    @Test
    void aMissingOrEmptyVariableIsNamedWithTheOption() {
        assertThatThrownBy(() -> PasscodeSource.resolve(configuration(null), Map.<String, String> of()::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Option passcode is required: it is not set, and the environment variable "
                            + "CLEVERTAP_PASSCODE named by option passcodeEnvVar is not set");
        assertThatThrownBy(() -> PasscodeSource.resolve(configuration(null), Map.of("CLEVERTAP_PASSCODE", " ")::get))
                .hasMessageEndingWith("CLEVERTAP_PASSCODE named by option passcodeEnvVar is empty");
    }

    @Test
    void aFileIsReadBeforeTheEnvironmentAndAnEmptyOneIsAnError() throws Exception {
        Path file = Files.writeString(secrets.resolve("passcode"), "from-file\n");
        Path empty = Files.writeString(secrets.resolve("empty"), "\n");
        CleverTapConfiguration configuration = configuration(null);
        configuration.setPasscodeFile(file.toString());

        assertThat(PasscodeSource.resolve(configuration, Map.of("CLEVERTAP_PASSCODE", "env")::get))
                .isEqualTo("from-file");
        configuration.setPasscodeFile(empty.toString());
        assertThatThrownBy(() -> PasscodeSource.resolve(configuration, Map.<String, String> of()::get))
                .hasMessage("Option passcodeFile: the file " + empty + " is empty");
    }

    @Test
    void anEndpointUploadsWithThePasscodeOfItsFile() throws Exception {
        Path file = Files.writeString(secrets.resolve("clevertap-passcode"), PASSCODE + "\n");

        Exchange exchange = template.send("clevertap:profile?region=eu1&accountId=" + accountId + "&passcodeFile="
                                          + file + "&batchTimeout=10&baseUri=" + emulator.baseUri(),
                e -> e.getMessage().setBody(profile("1", Map.of("Name", "One"))));

        assertThat(exchange.getException()).isNull();
        assertThat(emulator.storedRecords(accountId)).hasSize(1);
    }
}
