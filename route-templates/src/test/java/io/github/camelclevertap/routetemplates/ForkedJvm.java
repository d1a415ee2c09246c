package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A separate JVM running a main class from the test classpath, so a test can kill it the hard way ({@link #kill()}:
 * SIGKILL on Linux, as `kill -9`) and start another one on the same files. Its output goes to a log file.
 */
final class ForkedJvm implements AutoCloseable {

    private final Process process;

    private ForkedJvm(Process process) {
        this.process = process;
    }

    /**
     * Starts {@code mainClass} with {@code args} in a new JVM with this JVM's classpath, writing its standard output
     * and error to {@code log} (appended).
     */
    static ForkedJvm start(Class<?> mainClass, List<String> args, Path log) throws IOException {
        return start(mainClass, args, log, Map.of(), "log4j2-forked.properties");
    }

    /**
     * Starts {@code mainClass} as {@link #start(Class, List, Path)} does, with more environment variables and the
     * Log4j configuration of the classpath resource {@code logging}.
     */
    static ForkedJvm start(Class<?> mainClass, List<String> args, Path log, Map<String, String> environment,
                           String logging) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Dlog4j2.configurationFile=" + logging);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return new ForkedJvm(builder.start());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the JVM the gentle way (SIGTERM: Camel Main shuts down) and waits until it is gone. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** Kills the JVM at once, without shutdown hooks (SIGKILL on Linux), and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the forked JVM did not die within 30 s of SIGKILL");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
