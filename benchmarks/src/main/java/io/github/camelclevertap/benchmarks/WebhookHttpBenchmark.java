package io.github.camelclevertap.benchmarks;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The webhook shape through HTTP: {@code wrk} keeps N calls open against a webhook server in its own process, with
 * the emulator (its own JVM too) at latency L, and the table reads calls/s, latency, resident memory, threads and CPU
 * of the server, and the emulator's peak in flight.
 *
 * <pre>
 * java -cp benchmarks/target/camel-clevertap-benchmarks.jar io.github.camelclevertap.benchmarks.WebhookHttpBenchmark \
 *      [--targets main-async,main-blocking,main-peer,quarkus] [--latencies 100] [--callers 50,400,1600,5000]
 *      [--seconds 15] [--warmup-seconds 5] [--batch-timeout 100] [--outage-callers 5000] [--out FILE]
 *      [--quarkus-app examples/clevertap-quarkus/target/quarkus-app/quarkus-run.jar, or the native -runner]
 *      [--server-jvm-options "-Xmx256m"]
 * </pre>
 * With {@code --outage-callers N}, each target at the first latency also runs N callers while the emulator answers
 * nothing, and measures its health endpoint's latency meanwhile.
 */
public final class WebhookHttpBenchmark {

    private static final String ACCOUNT = "ACC-WEBHOOK-HTTP";

    private WebhookHttpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> targets = List.of("main-async", "main-blocking", "main-peer", "quarkus");
        List<Integer> latencies = List.of(100);
        List<Integer> callers = List.of(50, 400, 1600, 5000);
        int seconds = 15;
        int warmup = 5;
        int batchTimeout = 100;
        int outageCallers = 0;
        Path out = Path.of("webhook-http-results.md");
        Path quarkusApp = Path.of("examples/clevertap-quarkus/target/quarkus-app/quarkus-run.jar");
        List<String> serverJvmOptions = List.of();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--targets" -> targets = List.of(value.split(","));
                case "--latencies" -> latencies = ints(value);
                case "--callers" -> callers = ints(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--warmup-seconds" -> warmup = Integer.parseInt(value);
                case "--batch-timeout" -> batchTimeout = Integer.parseInt(value);
                case "--outage-callers" -> outageCallers = Integer.parseInt(value);
                case "--out" -> out = Path.of(value);
                case "--quarkus-app" -> quarkusApp = Path.of(value);
                case "--server-jvm-options" -> serverJvmOptions = List.of(value.strip().split("\\s+"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (!WrkLoad.available()) {
            System.err.println("wrk is not on the PATH (Debian: apt-get install wrk)");
            System.exit(2);
        }
        List<String> rows = new ArrayList<>();
        rows.add("| target | L ms | callers | calls/s (200) | median ms | p99 ms | 503 | other errors | RSS MiB"
                 + " | threads | CPU ms / 1000 calls | peak in flight |");
        rows.add("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        List<String> outages = new ArrayList<>();
        WrkLoad wrk = new WrkLoad();
        System.out.println(Environment.current().describe() + ", load average " + loadAverage());
        try (ForkedEmulator emulator = new ForkedEmulator(BenchmarkRunner.PASSCODE, List.of(ACCOUNT), "1g")) {
            for (String target : targets) {
                for (int latency : latencies) {
                    emulator.setLatency(latency);
                    try (WebhookServerProcess server = target.equals("quarkus")
                            ? WebhookServerProcess.quarkus(quarkusApp, emulator.baseUri(), ACCOUNT, batchTimeout,
                                    serverJvmOptions)
                            : WebhookServerProcess.camelMain(target.substring("main-".length()), emulator.baseUri(),
                                    ACCOUNT, batchTimeout, serverJvmOptions)) {
                        for (int n : callers) {
                            wrk.run(server.webhookUrl(), WebhookServerProcess.SECRET, n, warmup);
                            awaitQuiet(emulator);
                            emulator.reset();
                            WrkLoad.Result result;
                            ProcessMeter.Usage usage;
                            try (ProcessMeter meter = new ProcessMeter(server.pid())) {
                                result = wrk.run(server.webhookUrl(), WebhookServerProcess.SECRET, n, seconds);
                                usage = meter.usage();
                            }
                            String row = String.format(Locale.ROOT,
                                    "| %s | %d | %,d | %,.0f | %.0f | %.0f | %,d | %,d | %,d | %,d | %.0f | %d |",
                                    target, latency, n, result.storedPerSecond(), result.medianMicros() / 1000.0,
                                    result.p99Micros() / 1000.0, result.answered503(),
                                    result.otherErrors() + result.socketErrors() + result.timeouts(),
                                    usage.peakRssMib(), usage.peakThreads(),
                                    usage.cpuMillis() * 1000.0 / Math.max(1, result.calls()),
                                    emulator.snapshot().peakInFlight());
                            rows.add(row);
                            System.out.println(row);
                            awaitQuiet(emulator);
                        }
                        if (outageCallers > 0 && latency == latencies.get(0)) {
                            String outage = outage(target, server, emulator, wrk, outageCallers, seconds);
                            outages.add(outage);
                            System.out.println(outage);
                        }
                    }
                }
            }
        }
        StringBuilder report = new StringBuilder(String.join("\n", rows)).append('\n');
        if (!outages.isEmpty()) {
            report.append("\n| target | callers during the outage | health probes | health median ms | health max ms"
                          + " | probes unanswered | 503 | RSS MiB | threads |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
            outages.forEach(o -> report.append(o).append('\n'));
        }
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println("load average " + loadAverage());
        System.out.println(report);
    }

    /** N callers while CleverTap answers nothing, and the health endpoint's latency meanwhile. */
    private static String outage(String target, WebhookServerProcess server, ForkedEmulator emulator, WrkLoad wrk,
                                 int callers, int seconds) throws Exception {
        emulator.hold();
        List<Long> health = new ArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
        // from the middle of the run on, when every caller is waiting
        prober.scheduleWithFixedDelay(() -> {
            long started = System.nanoTime();
            try {
                client.send(HttpRequest.newBuilder(server.healthUri()).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.discarding());
                synchronized (health) {
                    health.add((System.nanoTime() - started) / 1000);
                }
            } catch (IOException e) {
                synchronized (health) {
                    health.add(Long.MAX_VALUE);
                }
            } catch (InterruptedException e) {
                // the run has ended: this probe does not count
                Thread.currentThread().interrupt();
            }
        }, seconds * 500L, 100, TimeUnit.MILLISECONDS);
        WrkLoad.Result result;
        ProcessMeter.Usage usage;
        try (ProcessMeter meter = new ProcessMeter(server.pid())) {
            result = wrk.run(server.webhookUrl(), WebhookServerProcess.SECRET, callers, seconds);
            usage = meter.usage();
        } finally {
            prober.shutdownNow();
            emulator.release();
        }
        awaitQuiet(emulator);
        List<Long> sorted;
        synchronized (health) {
            sorted = health.stream().sorted().toList();
        }
        long failed = sorted.stream().filter(t -> t == Long.MAX_VALUE).count();
        return String.format(Locale.ROOT, "| %s | %,d | %d | %s | %s | %,d | %,d | %,d | %,d |", target, callers,
                sorted.size(), millis(sorted, sorted.size() / 2), millis(sorted, sorted.size() - 1), failed,
                result.answered503(), usage.peakRssMib(), usage.peakThreads());
    }

    /** A probe's latency in ms, or why there is none. */
    private static String millis(List<Long> sorted, int index) {
        if (sorted.isEmpty()) {
            return "-";
        }
        long micros = sorted.get(index);
        return micros == Long.MAX_VALUE ? "no answer" : String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }

    /** Waits until the emulator has had no new request for a second: the calls of the last run have ended. */
    private static void awaitQuiet(ForkedEmulator emulator) throws IOException, InterruptedException {
        long before = -1;
        for (int i = 0; i < 120; i++) {
            long now = emulator.snapshot().requests();
            if (now == before) {
                return;
            }
            before = now;
            Thread.sleep(1000);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static List<Integer> ints(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).map(Integer::valueOf).toList();
    }
}
