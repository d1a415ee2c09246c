package io.github.camelclevertap.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A main class of this jar in a JVM of its own, on the benchmark's class path, driven one line at a time over its
 * standard input and output: it answers {@code READY ...} once started, then one line per command, and stops at the
 * end of its input. Its standard error goes to ours.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final String ready;

    /**
     * @param jvmOptions more options for the child, such as {@code -XX:StartFlightRecording=...} to profile it
     */
    ChildJvm(String maxHeap, List<String> jvmOptions, Class<?> mainClass, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String first;
        // the JVM itself may print first (-XX:StartFlightRecording does): pass that on
        while ((first = out.readLine()) != null && !first.startsWith("READY")) {
            System.err.println(first);
        }
        if (first == null) {
            process.destroyForcibly();
            throw new IOException(mainClass.getSimpleName() + " did not start");
        }
        ready = first.substring("READY".length()).strip();
    }

    /** What the child said after {@code READY}. */
    String ready() {
        return ready;
    }

    synchronized String command(String command) throws IOException {
        in.println(command);
        String answer = out.readLine();
        if (answer == null) {
            throw new IOException("The child JVM has gone (exit " + process.exitValue() + ")");
        }
        return answer;
    }

    /** Sends a command that must be answered {@code OK}. */
    void expectOk(String command) throws IOException {
        String answer = command(command);
        if (!answer.equals("OK")) {
            throw new IOException("Unexpected answer to " + command + ": " + answer);
        }
    }

    @Override
    public void close() throws InterruptedException {
        in.close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
