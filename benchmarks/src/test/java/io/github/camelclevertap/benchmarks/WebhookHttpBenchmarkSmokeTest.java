package io.github.camelclevertap.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Proves the webhook-over-HTTP harness works where wrk is installed: the asynchronous webhook route on Camel Main, 20
 * callers for 2 seconds, at latency 0, with a short outage; it measures nothing worth reading.
 */
class WebhookHttpBenchmarkSmokeTest {

    @TempDir
    Path out;

    @Test
    void theAsynchronousWebhookAnswersEveryCallAndTheTableIsWritten() throws Exception {
        assumeTrue(WrkLoad.available(), "wrk is not on the PATH");
        Path table = out.resolve("webhook.md");

        WebhookHttpBenchmark.main(new String[] {"--targets", "main-async", "--latencies", "0", "--callers", "20",
                "--seconds", "2", "--warmup-seconds", "1", "--outage-callers", "20", "--out", table.toString()});

        List<String> rows = Files.readAllLines(table).stream().filter(l -> l.startsWith("| main-async")).toList();
        assertThat(rows).hasSize(2);
        String[] load = rows.get(0).split("\\|");
        assertThat(load[4].strip().replace(",", "")).as("calls/s").matches("[1-9][0-9]*");
        assertThat(load[7].strip()).as("503").isEqualTo("0");
        assertThat(load[8].strip()).as("other errors").isEqualTo("0");
        String[] outage = rows.get(1).split("\\|");
        assertThat(outage[4].strip()).as("health median ms during the outage").matches("[0-9]+\\.[0-9]");
        assertThat(outage[6].strip()).as("health probes unanswered").isEqualTo("0");
    }
}
