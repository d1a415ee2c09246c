package io.github.camelclevertap.component.credentials;

import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Passcodes from environment variables, one per account: {@code CLEVERTAP_PASSCODE_} followed by the account id with
 * {@code -} as {@code _} (account {@code W9R-Z5K-4X6Z} reads {@code CLEVERTAP_PASSCODE_W9R_Z5K_4X6Z}). Only ids of
 * upper-case letters, digits and {@code -} (CleverTap's form) are read: for those the mapping is one to one, so no
 * account is ever sent another's passcode; any other id is refused. Read each time an account is opened, so a rotated
 * value is taken when the account is next opened.
 */
public final class EnvironmentCredentials implements CleverTapCredentials {

    static final String PREFIX = "CLEVERTAP_PASSCODE_";
    // '_' and lower case excluded: with them two ids could name one variable (A-B and A_B, a-b and A-B)
    private static final Pattern READABLE_ID = Pattern.compile("[A-Z0-9-]+");
    private static final String RULE = "EnvironmentCredentials reads only account ids of upper-case letters A-Z,"
                                       + " digits and '-', so that no two accounts share a variable";

    private final UnaryOperator<String> environment;

    public EnvironmentCredentials() {
        this(System::getenv);
    }

    EnvironmentCredentials(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /**
     * The variable that holds the account's passcode.
     *
     * @throws IllegalArgumentException when the id is not one of upper-case letters, digits and {@code -}
     */
    public static String variableFor(String accountId) {
        if (!READABLE_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException("Account id " + accountId + " cannot be read from the environment: "
                                               + RULE);
        }
        return PREFIX + accountId.replace('-', '_');
    }

    @Override
    public String passcode(String accountId) {
        String value = environment.apply(variableFor(accountId));
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String describe(String accountId) {
        return READABLE_ID.matcher(accountId).matches() ? "the environment variable " + variableFor(accountId)
                : "no environment variable (" + RULE + ")";
    }
}
