package io.github.camelclevertap.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A load of N callers that each keep one webhook call open at a time, made by {@code wrk} (2 threads) with the
 * script {@code wrk/webhook.lua}: every call a new sign-up with its own user id.
 */
final class WrkLoad {

    private final Path script;

    WrkLoad() throws IOException {
        script = Files.createTempFile("webhook", ".lua");
        script.toFile().deleteOnExit();
        try (InputStream in = WrkLoad.class.getResourceAsStream("/wrk/webhook.lua")) {
            Files.write(script, in.readAllBytes());
        }
    }

    /** Whether wrk is on the PATH. */
    static boolean available() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() >= 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    Result run(String url, String secret, int callers, int seconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of("wrk", "-t2", "-c" + callers, "-d" + seconds + "s",
                "--timeout", "60s", "-s", script.toString(), url)).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("WEBHOOK_SECRET", secret);
        Process wrk = builder.start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        String line = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new IOException("wrk gave no result:\n" + output));
        String[] f = line.substring("RESULT ".length()).strip().split(" ");
        long[] v = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            v[i] = Long.parseLong(f[i]);
        }
        return new Result(v[0], v[1], v[2], v[3], v[4], v[5], v[6] + v[7] + v[8], v[9]);
    }

    /**
     * @param calls        answered calls
     * @param micros       the run's duration
     * @param medianMicros median latency of the answered calls
     * @param p99Micros    99th percentile latency of the answered calls
     * @param answered503  calls answered 503 (the bound on waiting calls, or CleverTap unavailable)
     * @param otherErrors  calls answered with a status other than 200 and 503
     * @param socketErrors connections refused, broken or reset
     * @param timeouts     calls not answered within 60 s
     */
    record Result(long calls, long micros, long medianMicros, long p99Micros, long answered503, long otherErrors,
                  long socketErrors, long timeouts) {

        /** Calls answered 200 a second. */
        double storedPerSecond() {
            return (calls - answered503 - otherErrors) * 1e6 / micros;
        }
    }
}
