package io.github.camelclevertap.component.credentials;

/**
 * Finds the passcode of a CleverTap account, for exchanges whose account comes from the header
 * {@code CamelCleverTapAccountId}: one endpoint then uploads for many accounts. Bind one bean of this type in the
 * registry (the component takes it as its {@code credentials} option), reading a properties file
 * ({@link PropertiesFileCredentials}), the environment ({@link EnvironmentCredentials}) or a vault of your own. Called
 * when an account is first used by a producer and again after it was idle; an implementation must be thread-safe and
 * may cache.
 */
public interface CleverTapCredentials {

    /**
     * @return the account's passcode, or null when this source has none for it
     */
    String passcode(String accountId);

    /**
     * Where this source looks for the account's passcode (a file and key, a variable name), for the error when it has
     * none: never the passcode itself.
     */
    String describe(String accountId);
}
