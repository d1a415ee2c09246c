package io.github.camelclevertap.examples.quarkus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the app on its embedded defaults (no CleverTap credentials, so the in-process emulator), with the file flow
 * watching a fresh directory under {@code target/} and the SQL flow polling a fresh sample database every 200 ms. Also
 * handed to the packaged app of the integration tests.
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
        // the SQL flow polls often, so a test sees a row it wrote within a fraction of a second; its database is new
        // for each app, as in production: an in-memory H2 database outlives an app restarted in the same JVM (another
        // test profile), and the sync state it kept would keep the new app's emulator empty
        return Map.of("flows.file.directory", inbox.toString(), "flows.sql.delay", "200",
                "quarkus.datasource.jdbc.url", "jdbc:h2:mem:shop-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
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
