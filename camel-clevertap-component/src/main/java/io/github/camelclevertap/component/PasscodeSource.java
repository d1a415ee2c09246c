package io.github.camelclevertap.component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Finds an endpoint's passcode when it starts: the option `passcode` (of the endpoint or the component), else the
 * file named by `passcodeFile`, else the environment variable named by `passcodeEnvVar`. The last two keep the value
 * out of Camel's properties and endpoint URIs, which Camel core prints at DEBUG and TRACE: only a name passes there.
 * Errors name the options and the variable or file, never a value.
 */
final class PasscodeSource {

    private PasscodeSource() {
    }

    /**
     * The passcode for {@code configuration}, reading environment variables with {@code environment}.
     */
    static String resolve(CleverTapConfiguration configuration, UnaryOperator<String> environment) {
        if (hasText(configuration.getPasscode())) {
            return sendable(configuration.getPasscode(), "Option passcode");
        }
        if (hasText(configuration.getPasscodeFile())) {
            return sendable(fromFile(configuration.getPasscodeFile()),
                    "Option passcodeFile: the file " + configuration.getPasscodeFile());
        }
        String variable = configuration.getPasscodeEnvVar();
        if (!hasText(variable)) {
            throw new IllegalArgumentException("Option passcode is required (passcodeEnvVar and passcodeFile are empty)");
        }
        String value = environment.apply(variable);
        if (!hasText(value)) {
            throw new IllegalArgumentException("Option passcode is required: it is not set, and the environment "
                                               + "variable " + variable + " named by option passcodeEnvVar is "
                                               + (value == null ? "not set" : "empty"));
        }
        return sendable(value.strip(), "The environment variable " + variable + " named by option passcodeEnvVar");
    }

    /**
     * A passcode travels in an HTTP header, which allows no control characters (a second line in a passcode file):
     * refused here, naming where it came from, because the HTTP client's own error would quote the value.
     */
    static String sendable(String passcode, String source) {
        for (int i = 0; i < passcode.length(); i++) {
            char c = passcode.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException(source + " holds a control character (such as a line break) at"
                                                   + " position " + (i + 1) + ": a passcode is one line of text");
            }
        }
        return passcode;
    }

    private static String fromFile(String file) {
        String value;
        try {
            value = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            // the exception's own message may quote the file's content (a malformed-input error does not, but be safe)
            throw new IllegalArgumentException("Option passcodeFile: cannot read " + file + " ("
                                               + e.getClass().getSimpleName() + ")");
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException("Option passcodeFile: the file " + file + " is empty");
        }
        return value;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
