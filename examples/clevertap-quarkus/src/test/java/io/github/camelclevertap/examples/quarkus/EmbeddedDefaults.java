package io.github.camelclevertap.examples.quarkus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the app on its embedded defaults (no CleverTap credentials, so the in-process emulator), with the file flow
 * watching a fresh directory under {@code target/} and the SQL flow polling its sample database every 200 ms. Also handed to the packaged app of the integration tests.
 */
public class EmbeddedDefaults implements QuarkusTestResourceLifecycleManager {

    private static Path inbox;

    @Override
    public Map<String, String> start() {
        try {
            Files.createDirectories(Path.of("target"));
            inbox = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "inbox-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the SQL flow polls often, so a test sees a row it wrote within a fraction of a second
        return Map.of("flows.file.directory", inbox.toString(), "flows.sql.delay", "200");
    }

    @Override
    public void stop() {
        // the directory stays for a look after a failure; mvn clean removes it
    }

    /** The directory the file flow watches. */
    static Path inbox() {
        return inbox;
    }
}
