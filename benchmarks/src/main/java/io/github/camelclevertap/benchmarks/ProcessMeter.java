package io.github.camelclevertap.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Another process's resident memory and threads (the highest seen, sampled every 100 ms) and CPU time, read from
 * {@code /proc}: the figures of a server under load, whatever runtime it is.
 */
final class ProcessMeter implements AutoCloseable {

    /** Linux's clock ticks per second for {@code /proc/PID/stat}: 100 on every usual kernel. */
    private static final long TICKS_PER_SECOND = 100;

    private final long pid;
    private final long cpuTicksAtStart;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private volatile long peakRssKib;
    private volatile int peakThreads;

    ProcessMeter(long pid) throws IOException {
        this.pid = pid;
        this.cpuTicksAtStart = cpuTicks(pid);
        sampler.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    peakRssKib = Math.max(peakRssKib, Long.parseLong(line.replaceAll("\\D", "")));
                } else if (line.startsWith("Threads:")) {
                    peakThreads = Math.max(peakThreads, Integer.parseInt(line.replaceAll("\\D", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process has gone: the figures so far stand
        }
    }

    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        // the fields after the command name, which is in parentheses and may hold spaces
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** The usage since this meter started. */
    Usage usage() throws IOException {
        sample();
        long cpuMillis = (cpuTicks(pid) - cpuTicksAtStart) * 1000 / TICKS_PER_SECOND;
        return new Usage(peakRssKib / 1024, peakThreads, cpuMillis);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }

    record Usage(long peakRssMib, int peakThreads, long cpuMillis) {
    }
}
