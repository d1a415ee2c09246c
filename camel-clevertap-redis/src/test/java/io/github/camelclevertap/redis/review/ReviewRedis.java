package io.github.camelclevertap.redis.review;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.github.camelclevertap.redis.RedisServerExtension.accepts;
import static io.github.camelclevertap.redis.RedisServerExtension.findOnPath;
import static io.github.camelclevertap.redis.RedisServerExtension.freePort;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A copy of the module's RedisServerExtension (package-private there) for the review tests, that can also keep its
 * data across a kill (append-only file, fsync always), as a Redis with persistence does.
 */
final class ReviewRedis implements BeforeAllCallback, AfterAllCallback {

    private final boolean persistent;
    private Process process;
    private int port;
    private Path log;
    private Path dir;

    ReviewRedis(boolean persistent) {
        this.persistent = persistent;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Assumptions.assumeTrue(findOnPath("redis-server") != null, "redis-server is not on the PATH");
        port = freePort();
        log = Files.createTempFile("review-redis-", ".log");
        dir = Files.createTempDirectory("review-redis-");
        start();
    }

    void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(findOnPath("redis-server").toString(), "--port",
                String.valueOf(port), "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", ""));
        command.addAll(persistent ? List.of("--appendonly", "yes", "--appendfsync", "always")
                : List.of("--appendonly", "no"));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!accepts(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not start: " + Files.readString(log));
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        kill();
    }

    /** kill -9 of the server; with persistence its data comes back at the next start. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    void restart() throws IOException, InterruptedException {
        kill();
        start();
    }

    String address() {
        return "redis://127.0.0.1:" + port;
    }
}
