package io.github.camelclevertap.examples.quarkus;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Where the flows upload: CleverTap itself when an account id and a passcode are configured (also as
 * {@code CLEVERTAP_ACCOUNT_ID}, {@code CLEVERTAP_PASSCODE}, {@code CLEVERTAP_REGION}), else the in-process emulator.
 */
@ConfigMapping(prefix = "clevertap")
public interface CleverTapSettings {

    // Each setting as given, then without blanks: a variable left empty or blank by a template or a secret store
    // counts as unset everywhere, rather than as a value Camel or CleverTap refuses later.

    @WithName("account-id")
    Optional<String> accountIdAsGiven();

    @WithName("passcode")
    Optional<String> passcodeAsGiven();

    @WithName("region")
    Optional<String> regionAsGiven();

    /** Another base URI for CleverTap's API, such as a proxy. */
    @WithName("base-uri")
    Optional<String> baseUriAsGiven();

    default Optional<String> accountId() {
        return set(accountIdAsGiven());
    }

    default Optional<String> passcode() {
        return set(passcodeAsGiven());
    }

    default Optional<String> region() {
        return set(regionAsGiven());
    }

    default Optional<String> baseUri() {
        return set(baseUriAsGiven());
    }

    private static Optional<String> set(Optional<String> value) {
        return value.map(String::trim).filter(text -> !text.isEmpty());
    }

    Emulator emulator();

    /** Whether an account id and a passcode are configured: the flows upload to CleverTap, not the emulator. */
    default boolean uploadsToCleverTap() {
        return accountId().isPresent() && passcode().isPresent();
    }

    Cluster cluster();

    interface Emulator {

        /** The emulator's port on 127.0.0.1; 0 picks a free one. */
        @WithDefault("0")
        int port();

        /** Whether it keeps the records it stored, for GET /emulator/records; false keeps counts only. */
        @WithDefault("true")
        boolean retainRecords();
    }

    /** Several replicas: the file lock that elects the one running each clustered source. */
    interface Cluster {

        /** A directory every replica shares; unset, no cluster service is registered. */
        Optional<java.nio.file.Path> root();

        /** Milliseconds between two renewals of the leader's lock; the others take over after 5 missed ones. */
        @WithDefault("2000")
        int acquireLockInterval();
    }
}
