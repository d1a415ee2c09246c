package io.github.camelclevertap.examples.quarkus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the app with CleverTap credentials, as a deployment does, uploading to a stand-in of CleverTap on loopback
 * ({@code clevertap.base-uri}), with the file flow watching a fresh directory, the SQL flow polling a fresh, empty
 * database (every 5 s: each poll logs that its tables are missing). The webhook flow is off: it would need
 * {@code WEBHOOK_SECRET} in the environment, which a test cannot set for the app (see WebhookSecretRequiredTest).
 */
public class CleverTapStandIn implements QuarkusTestResourceLifecycleManager {

    static final String ACCOUNT_ID = "REAL-ACCOUNT";
    static final String PASSCODE = "real-passcode-" + UUID.randomUUID();

    private static CleverTapEmulator cleverTap;
    private static Path inbox;

    @Override
    public Map<String, String> start() {
        try {
            Files.createDirectories(Path.of("target"));
            inbox = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "real-inbox-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cleverTap = CleverTapEmulator.builder().account(ACCOUNT_ID, PASSCODE).build().start();
        return Map.of("clevertap.account-id", ACCOUNT_ID, "clevertap.passcode", PASSCODE,
                "clevertap.region", "eu1", "clevertap.base-uri", cleverTap.baseUri().toString(),
                "flows.webhook.enabled", "false",
                "flows.file.directory", inbox.toString(),
                "quarkus.datasource.jdbc.url", "jdbc:h2:mem:shop-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Override
    public void stop() {
        if (cleverTap != null) {
            cleverTap.close();
        }
    }

    /** The stand-in of CleverTap the app uploads to. */
    static CleverTapEmulator cleverTap() {
        return cleverTap;
    }

    /** The directory the file flow watches. */
    static Path inbox() {
        return inbox;
    }
}
