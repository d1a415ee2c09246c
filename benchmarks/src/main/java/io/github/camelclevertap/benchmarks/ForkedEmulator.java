package io.github.camelclevertap.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CleverTap emulator in a child JVM on loopback ({@link EmulatorServer}), on the benchmark's own class path.
 */
final class ForkedEmulator implements AutoCloseable {

    private final ChildJvm jvm;
    private final URI baseUri;

    ForkedEmulator(String passcode, List<String> accounts, String maxHeap) throws IOException {
        List<String> args = new ArrayList<>();
        args.add(passcode);
        args.addAll(accounts);
        jvm = new ChildJvm(maxHeap, List.of(), EmulatorServer.class, args);
        baseUri = URI.create(jvm.ready());
    }

    URI baseUri() {
        return baseUri;
    }

    void setLatency(int millis) throws IOException {
        jvm.expectOk("latency " + millis);
    }

    /** An outage: the emulator answers no upload request until {@link #release()}. */
    void hold() throws IOException {
        jvm.expectOk("hold");
    }

    void release() throws IOException {
        jvm.expectOk("release");
    }

    void reset() throws IOException {
        jvm.expectOk("reset");
    }

    Snapshot snapshot() throws IOException {
        String line = jvm.command("stats");
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

    @Override
    public void close() throws InterruptedException {
        jvm.close();
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
