package io.github.camelclevertap.examples.quarkus.review;

import java.io.IOException;
import java.io.Reader;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * The packaged app (runnable jar, or native executable), launched as a process with the given environment and
 * system properties, as a deployment starts it. Waits, bounded, until it is either ready or has exited.
 */
final class PackagedApp implements AutoCloseable {

    final Process process;
    final int port;
    final Path log;

    private PackagedApp(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the app; the environment holds only what is given (plus PATH and JAVA_HOME), so the test JVM's own
     * variables do not leak in.
     */
    static PackagedApp launch(String name, Map<String, String> env, List<String> properties) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path dir = Files.createDirectories(Path.of("target", "review", name).toAbsolutePath());
        Path log = dir.resolve("app.log");
        List<String> command = new ArrayList<>();
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dflows.file.directory=" + dir.resolve("inbox"));
        command.addAll(properties);
        Properties artifact = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("target/quarkus-artifact.properties"))) {
            artifact.load(reader);
        }
        Path packaged = Path.of("target").resolve(artifact.getProperty("path")).toAbsolutePath();
        if ("jar".equals(artifact.getProperty("type"))) {
            command.add(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of("-jar", packaged.toString()));
        } else {
            command.add(0, packaged.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(key -> !key.equals("PATH") && !key.equals("JAVA_HOME") && !key.equals("HOME"));
        environment.putAll(env);
        return new PackagedApp(builder.start(), port, log);
    }

    /** Waits (at most 60 s) until the app is ready or has exited; true when ready. */
    boolean awaitReadyOrExit() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(ConnectException.class)
                .until(() -> !process.isAlive() || given().port(port).get("/q/health/ready").statusCode() == 200);
        return process.isAlive();
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
