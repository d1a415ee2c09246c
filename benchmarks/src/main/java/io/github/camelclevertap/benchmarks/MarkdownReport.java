package io.github.camelclevertap.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes the results as Markdown: the environment, one row per case and latency, and the component against the
 * baselines.
 */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static String render(BenchmarkConfig config, Environment environment, List<CaseSummary> summaries) {
        StringBuilder md = new StringBuilder();
        md.append("# camel-clevertap benchmark results\n\n");
        md.append(environment.describe()).append("\n\n");
        md.append("Command: `").append(config.commandLine()).append("`\n\n");
        md.append(String.format(Locale.ROOT,
                "Each figure is the median of %d measured run(s) of each case, after %d warm-up run(s), with the"
                + " slowest and fastest run in brackets. The emulator runs in its own JVM on loopback, so CPU and heap"
                + " are the sending JVM's alone. Ceiling: 15 requests × 1000 records per round trip, 15,000 / L"
                + " records per second (none at L = 0, where the emulator's own ceiling row is the yardstick).%n%n",
                config.repeats(), config.warmups()));
        md.append("| case | L (ms) | records/run | records/s | of ceiling | of emulator ceiling | requests | mean batch"
                  + " | peak in flight | non-200 | peak heap (MiB) | live heap (MiB) | CPU ms / 1000 rec"
                  + " | allocated KiB / rec | emulator CPU ms / 1000 rec |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (CaseSummary s : summaries) {
            md.append(row(s, emulatorCeiling(summaries, s.latencyMillis()))).append('\n');
        }
        md.append('\n');
        md.append(comparison(summaries));
        md.append(notes(summaries, config));
        return md.toString();
    }

    private static String row(CaseSummary s, Optional<Double> emulatorCeiling) {
        String title = s.benchmarkCase().title();
        if (!s.ran()) {
            return "| " + title + " | " + s.latencyMillis() + " | " + s.notRunReason() + " | | | | | | | | | | | | |";
        }
        RunResult median = s.median();
        double ceiling = CaseSummary.ceiling(s.latencyMillis());
        boolean isEmulatorCeiling = s.benchmarkCase() instanceof EmulatorCeilingCase;
        return String.format(Locale.ROOT,
                "| %s%s | %d | %,d | **%,.0f** (%,.0f–%,.0f) | %s | %s | %,d | %.0f | %d | %d | %.0f | %s | %.1f | %.2f | %.1f |",
                title, s.complete() ? "" : " (INCOMPLETE)", s.latencyMillis(), median.records(), s.medianRate(),
                s.minRate(), s.maxRate(), ceiling > 0 ? percent(s.medianRate() / ceiling) : "–",
                emulatorCeiling.isPresent() && !isEmulatorCeiling ? percent(s.medianRate() / emulatorCeiling.get()) : "–",
                median.emulator().requests(), median.emulator().meanBatchSize(), s.peakInFlight(), s.non200(),
                mib(s.peakHeapBytes()), s.peakLiveBytes() > 0 ? String.format(Locale.ROOT, "%.0f", mib(s.peakLiveBytes()))
                        : "no GC", s.medianCpuMillisPer1000(), s.medianAllocatedBytesPerRecord() / 1024,
                s.medianEmulatorCpuMillisPer1000());
    }

    private static String comparison(List<CaseSummary> summaries) {
        StringBuilder md = new StringBuilder("## Component against the baselines\n\n");
        md.append("Ratios of median records/s at the same latency.\n\n");
        md.append("| L (ms) | ceiling (rec/s) | case 1 / case 5 | case 2 / case 5 | case 3 / case 5 | case 1 / case 4"
                  + " | case 2 / case 4 |\n");
        md.append("|--:|--:|--:|--:|--:|--:|--:|\n");
        summaries.stream().mapToInt(CaseSummary::latencyMillis).distinct().forEach(latency -> {
            Optional<Double> webhook = rate(summaries, ComponentWebhookCase.class, latency);
            Optional<Double> bulk = rate(summaries, ComponentBulkCase.class, latency);
            Optional<Double> file = rate(summaries, FileTemplateCase.class, latency);
            Optional<Double> diy = rate(summaries, AggregateThrottleCase.class, latency);
            Optional<Double> one = rate(summaries, OneRecordPerRequestCase.class, latency);
            double ceiling = CaseSummary.ceiling(latency);
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s |%n", latency,
                    ceiling > 0 ? String.format(Locale.ROOT, "%,.0f", ceiling) : "–",
                    ratio(webhook, diy), ratio(bulk, diy), ratio(file, diy), ratio(webhook, one), ratio(bulk, one)));
        });
        return md.append('\n').toString();
    }

    private static String notes(List<CaseSummary> summaries, BenchmarkConfig config) {
        StringBuilder md = new StringBuilder("## Notes\n\n");
        md.append(String.format(Locale.ROOT,
                "- Cases 1, 4 and 5 are fed by one thread that keeps up to %,d single-record exchanges waiting for"
                + " an answer (an asynchronous producer on `direct:`).", config.window()));
        summaries.stream().filter(s -> s.ran() && s.benchmarkCase() instanceof ComponentWebhookCase)
                .forEach(s -> md.append(String.format(Locale.ROOT, " At L = %d ms case 1 had up to %,d waiting.",
                        s.latencyMillis(), s.maxPending())));
        md.append('\n');
        md.append("- Case 3 runs in a JVM of its own with `-Xmx" + FileTemplateCase.HEAP + "` (Camel Main with"
                  + " `kamelet:clevertap-file-source` into `kamelet:clevertap-sink`): its CPU, allocation and heap"
                  + " columns are that JVM's. A run ends when the template has moved the file to its done folder,"
                  + " which it does once CleverTap has answered for every record.\n");
        md.append("- Case 4 sends far fewer records than the others: at best it reaches 15 / L records a second"
                  + " (150/s at 100 ms).\n");
        md.append("- Cases 4 and 5 read only the HTTP status, as hosted tools do: a record CleverTap skips with HTTP"
                  + " 200 counts as sent. In case 5 the sender's exchanges complete as soon as they are aggregated,"
                  + " before any request: it has no acknowledgement promise, and its run ends when the route has the"
                  + " last HTTP answer.\n");
        md.append("- CPU time and allocation are the sending JVM's (harness sender, Camel, component or HTTP client)."
                  + " Allocation per record is the figure a busy machine does not disturb.\n");
        md.append("- Peak heap includes garbage not yet collected; live heap is the most still in use right after a"
                  + " collection during the run.\n");
        summaries.stream().filter(s -> s.ran() && !s.complete()).forEach(s -> md.append(String.format(Locale.ROOT,
                "- INCOMPLETE: %s at L = %d ms did not get every record acknowledged and stored once.%n",
                s.benchmarkCase().title(), s.latencyMillis())));
        return md.toString();
    }

    private static Optional<Double> emulatorCeiling(List<CaseSummary> summaries, int latency) {
        return rate(summaries, EmulatorCeilingCase.class, latency);
    }

    private static Optional<Double> rate(List<CaseSummary> summaries, Class<?> type, int latency) {
        return summaries.stream()
                .filter(s -> s.ran() && type.isInstance(s.benchmarkCase()) && s.latencyMillis() == latency)
                .map(CaseSummary::medianRate).findFirst();
    }

    private static String ratio(Optional<Double> a, Optional<Double> b) {
        return a.isPresent() && b.isPresent() ? String.format(Locale.ROOT, "%,.1f×", a.get() / b.get()) : "–";
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
