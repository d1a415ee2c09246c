package io.github.camelclevertap.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Case 3, the file template: {@code kamelet:clevertap-file-source} into {@code kamelet:clevertap-sink}, run by Camel
 * Main on a generated NDJSON file of 1,000,000 lines, in a JVM of its own whose heap is capped at {@value #HEAP}
 * ({@link FileTemplateServer}), so the cap applies to the template and nothing else. The file is written once per
 * invocation, before any run; each run drops it into the watched directory and ends when the template has moved it to
 * its done folder, which it does only once CleverTap has answered for every record. CPU time and heap are the
 * template JVM's.
 */
final class FileTemplateCase implements BenchmarkCase {

    static final String HEAP = "256m";
    /** Space-separated options for the template's JVM, to profile it: {@code -Dbenchmark.file.jvmOptions=...}. */
    static final String JVM_OPTIONS_PROPERTY = "benchmark.file.jvmOptions";

    private final Map<Long, Path> files = new HashMap<>();
    private Path workDir;
    private ChildJvm template;

    @Override
    public String id() {
        return "file";
    }

    @Override
    public String title() {
        return "3. file template, 1,000,000-line NDJSON, -Xmx" + HEAP;
    }

    @Override
    public long records(int latencyMillis) {
        return 1_000_000;
    }

    @Override
    public Run prepare(Trial trial) throws Exception {
        if (template == null) {
            workDir = Files.createTempDirectory("clevertap-file-benchmark");
            String options = System.getProperty(JVM_OPTIONS_PROPERTY, "").strip();
            template = new ChildJvm(HEAP, options.isEmpty() ? List.of() : List.of(options.split("\\s+")),
                    FileTemplateServer.class, List.of(trial.baseUri().toString(),
                    trial.accountId(), trial.passcode(), String.valueOf(trial.batchTimeoutMs()),
                    workDir.resolve("inbox").toString()));
        }
        Path file = files.get(trial.records());
        if (file == null) {
            file = NdjsonFile.write(workDir.resolve("events-" + trial.records() + ".ndjson"), trial.records());
            files.put(trial.records(), file);
        }
        Path input = file;
        return new Run() {
            @Override
            public Outcome execute() throws IOException {
                String answer = template.command("run " + input);
                if (!answer.startsWith("DONE ")) {
                    throw new IOException("The file template answered: " + answer);
                }
                String[] f = answer.substring("DONE ".length()).split(" ");
                ResourceMeter.Usage usage = new ResourceMeter.Usage(Long.parseLong(f[2]), Long.parseLong(f[3]),
                        Long.parseLong(f[4]), Long.parseLong(f[5]));
                return new Outcome(Long.parseLong(f[0]), Long.parseLong(f[1]), 0, usage);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() throws Exception {
        if (template != null) {
            template.close();
            template = null;
        }
        if (workDir != null) {
            try (Stream<Path> paths = Files.walk(workDir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
            workDir = null;
            files.clear();
        }
    }
}
