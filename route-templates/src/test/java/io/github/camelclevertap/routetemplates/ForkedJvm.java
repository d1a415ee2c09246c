package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Dlog4j2.configurationFile=log4j2-forked.properties");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ForkedJvm(process);
    }

    boolean isAlive() {
        return process.isAlive();
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
