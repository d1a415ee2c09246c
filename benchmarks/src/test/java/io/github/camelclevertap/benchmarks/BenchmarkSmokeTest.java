package io.github.camelclevertap.benchmarks;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the harness works, in a few seconds: every case once, on a few hundred records, at latency 0, with the
 * emulator and the file template's JVM forked as in a real run, and both reports written. It measures nothing worth
 * reading.
 */
class BenchmarkSmokeTest {

    @TempDir
    Path out;

    @Test
    void everyCaseRunsOnAFewHundredRecordsAndTheReportsAreWritten() throws Exception {
        BenchmarkConfig config = new BenchmarkConfig(List.of(0), 1, 0, 1.0, 300, 1000, 20, List.of(), out, "256m",
                "smoke test");

        List<CaseSummary> summaries = BenchmarkMain.run(config, new PrintStream(OutputStream.nullOutputStream()));

        assertThat(summaries).extracting(s -> s.benchmarkCase().id())
                .containsExactly("webhook", "bulk", "bulk-redis", "file", "one-per-request", "aggregate-throttle",
                        "emulator-ceiling");
        // bulk-redis needs a redis-server on the PATH: without one it is reported as not run, except in CI
        boolean redisRequired = "true".equalsIgnoreCase(System.getenv("CI"))
                                || new ComponentBulkRedisCase().notRunReason() == null;
        assertThat(summaries).filteredOn(s -> redisRequired || !s.benchmarkCase().id().equals("bulk-redis"))
                .allSatisfy(s -> assertThat(s.ran()).as("%s ran", s.benchmarkCase().id()).isTrue());
        assertThat(summaries).filteredOn(CaseSummary::ran).allSatisfy(s -> {
            assertThat(s.complete()).as("%s: every record acknowledged and stored once", s.benchmarkCase().id())
                    .isTrue();
            assertThat(s.peakInFlight()).as("%s: peak in flight", s.benchmarkCase().id()).isBetween(1, 15);
            assertThat(s.non200()).as("%s: answers other than 200", s.benchmarkCase().id()).isZero();
            assertThat(s.medianRate()).isPositive();
        });
        // case 3 ran in its own JVM: its CPU time and heap are that JVM's, reported back
        RunResult file = summaries.get(3).median();
        assertThat(file.emulator().requests()).isPositive();
        assertThat(file.usage().cpuNanos()).isPositive();
        assertThat(file.usage().peakHeapBytes()).isPositive().isLessThanOrEqualTo(256L * 1024 * 1024);

        String markdown = Files.readString(out.resolve(BenchmarkMain.MARKDOWN));
        assertThat(markdown).contains("| 1. component, concurrent single-record exchanges | 0 | 300 |")
                .contains("| 3. file template, 1,000,000-line NDJSON, -Xmx256m | 0 | 300 |");
        assertThat(Files.size(out.resolve(BenchmarkMain.CHART))).isPositive();
    }
}
