package io.github.camelclevertap.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs every case at every latency in one invocation and writes {@code benchmark-results.md} and
 * {@code benchmark-results.png} next to the jar ({@code benchmarks/target/}).
 *
 * <pre>
 * java -jar benchmarks/target/camel-clevertap-benchmarks.jar [--latencies 0,20,100] [--repeats 5] [--warmups 1]
 *      [--scale 1.0] [--records N] [--window 20000] [--batch-timeout 1000] [--cases webhook,bulk,...]
 *      [--out DIR] [--emulator-heap 1g]
 * </pre>
 */
public final class BenchmarkMain {

    static final String MARKDOWN = "benchmark-results.md";
    static final String CHART = "benchmark-results.png";

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("benchmarks: " + e.getMessage());
            System.exit(2);
            return;
        }
        run(config, System.out);
    }

    /** Runs the configured cases and writes the report; returns the summaries. */
    static List<CaseSummary> run(BenchmarkConfig config, PrintStream log) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Environment environment = Environment.current();
        log.println(environment.describe());
        List<CaseSummary> summaries = new BenchmarkRunner(config, BenchmarkRunner.allCases(), log).run();
        String markdown = MarkdownReport.render(config, environment, summaries);
        Files.createDirectories(config.outputDir());
        Path md = config.outputDir().resolve(MARKDOWN);
        Path png = config.outputDir().resolve(CHART);
        Files.writeString(md, markdown, StandardCharsets.UTF_8);
        ResultsChart.write(summaries, png);
        log.println();
        log.println(markdown);
        log.println("Wrote " + md + " and " + png);
        return summaries;
    }

    static BenchmarkConfig parse(String[] args) {
        List<Integer> latencies = List.of(0, 20, 100);
        int repeats = 5;
        int warmups = 1;
        double scale = 1.0;
        long records = 0;
        int window = BenchmarkConfig.DEFAULT_WINDOW;
        long batchTimeout = 1000;
        List<String> cases = List.of();
        Path out = defaultOutputDir();
        String emulatorHeap = "1g";
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--latencies" -> latencies = Arrays.stream(value.split(",")).map(String::strip)
                        .map(Integer::valueOf).toList();
                case "--repeats" -> repeats = Integer.parseInt(value);
                case "--warmups" -> warmups = Integer.parseInt(value);
                case "--scale" -> scale = Double.parseDouble(value);
                case "--records" -> records = Long.parseLong(value);
                case "--window" -> window = Integer.parseInt(value);
                case "--batch-timeout" -> batchTimeout = Long.parseLong(value);
                case "--cases" -> cases = Arrays.stream(value.split(",")).map(String::strip).toList();
                case "--out" -> out = Path.of(value);
                case "--emulator-heap" -> emulatorHeap = value;
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (repeats < 1 || warmups < 0 || scale <= 0 || window < 1) {
            throw new IllegalArgumentException("--repeats must be at least 1, --warmups at least 0, --scale and"
                                               + " --window positive");
        }
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-jar", "benchmarks/target/camel-clevertap-benchmarks.jar"));
        command.addAll(List.of(args));
        return new BenchmarkConfig(latencies, repeats, warmups, scale, records, window, batchTimeout, cases, out,
                emulatorHeap, String.join(" ", command));
    }

    /** The directory of the jar (benchmarks/target), or of the classes directory's parent when run from classes. */
    private static Path defaultOutputDir() {
        try {
            Path code = Path.of(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path parent = code.getParent();
            return parent != null ? parent : Path.of(".");
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of(".");
        }
    }
}
