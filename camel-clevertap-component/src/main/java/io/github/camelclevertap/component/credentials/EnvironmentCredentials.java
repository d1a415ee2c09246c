package io.github.camelclevertap.component.credentials;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Passcodes from environment variables, one per account: {@code CLEVERTAP_PASSCODE_} followed by the account id in
 * upper case with every character other than a letter or digit replaced by {@code _} (account {@code W9R-Z5K-4X6Z}
 * reads {@code CLEVERTAP_PASSCODE_W9R_Z5K_4X6Z}). Read each time an account is opened, so a rotated value is taken
 * when the account is next opened.
 */
public final class EnvironmentCredentials implements CleverTapCredentials {

    static final String PREFIX = "CLEVERTAP_PASSCODE_";

    private final UnaryOperator<String> environment;

    public EnvironmentCredentials() {
        this(System::getenv);
    }

    EnvironmentCredentials(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /** The variable that holds the account's passcode. */
    public static String variableFor(String accountId) {
        return PREFIX + accountId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    @Override
    public String passcode(String accountId) {
        String value = environment.apply(variableFor(accountId));
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String describe(String accountId) {
        return "the environment variable " + variableFor(accountId);
    }
}
