package io.github.camelclevertap.examples.quarkus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the app on its embedded defaults (no CleverTap credentials, so the in-process emulator), with the file flow
 * watching a fresh directory under {@code target/}. Also handed to the packaged app of the integration tests.
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
        return Map.of("flows.file.directory", inbox.toString());
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
