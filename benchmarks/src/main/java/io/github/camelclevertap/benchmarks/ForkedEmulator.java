package io.github.camelclevertap.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The CleverTap emulator in a child JVM on loopback ({@link EmulatorServer}), on the benchmark's own class path.
 */
final class ForkedEmulator implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final URI baseUri;

    ForkedEmulator(String passcode, List<String> accounts, String maxHeap) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EmulatorServer.class.getName());
        command.add(passcode);
        command.addAll(accounts);
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String ready = out.readLine();
        if (ready == null || !ready.startsWith("READY ")) {
            process.destroyForcibly();
            throw new IOException("The emulator process did not start: " + ready);
        }
        baseUri = URI.create(ready.substring("READY ".length()));
    }

    URI baseUri() {
        return baseUri;
    }

    synchronized void setLatency(int millis) throws IOException {
        expectOk(command("latency " + millis));
    }

    synchronized void reset() throws IOException {
        expectOk(command("reset"));
    }

    synchronized Snapshot snapshot() throws IOException {
        String line = command("stats");
        if (!line.startsWith("STATS ")) {
            throw new IOException("Unexpected answer from the emulator: " + line);
        }
        String[] f = line.substring("STATS ".length()).split(" ");
        Map<Integer, Long> statuses = new TreeMap<>();
        if (!f[5].equals("-")) {
            for (String entry : f[5].split(",")) {
                String[] kv = entry.split(":");
                statuses.put(Integer.parseInt(kv[0]), Long.parseLong(kv[1]));
            }
        }
        return new Snapshot(Long.parseLong(f[0]), Double.parseDouble(f[1]), Integer.parseInt(f[2]),
                Long.parseLong(f[3]), Long.parseLong(f[4]), statuses);
    }

    private String command(String command) throws IOException {
        in.println(command);
        String answer = out.readLine();
        if (answer == null) {
            throw new IOException("The emulator process has gone (exit " + process.exitValue() + ")");
        }
        return answer;
    }

    private static void expectOk(String answer) throws IOException {
        if (!answer.equals("OK")) {
            throw new IOException("Unexpected answer from the emulator: " + answer);
        }
    }

    @Override
    public void close() throws InterruptedException {
        in.close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /**
     * What the emulator had seen since its last reset.
     *
     * @param requests          upload requests received
     * @param meanBatchSize     mean records per request
     * @param peakInFlight      most requests of one account in flight at once
     * @param storedRecords     records stored
     * @param cpuNanos          the emulator process's CPU time since it started
     * @param responsesByStatus answers by HTTP status (0: dropped)
     */
    record Snapshot(long requests, double meanBatchSize, int peakInFlight, long storedRecords, long cpuNanos,
                    Map<Integer, Long> responsesByStatus) {

        long non200() {
            return responsesByStatus.entrySet().stream().filter(e -> e.getKey() != 200)
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }
}
