package io.github.camelclevertap.benchmarks;

/**
 * Case 3, the file template on a generated 1,000,000-line NDJSON file with {@code -Xmx256m}: a placeholder until the
 * file template is merged, reported as not run.
 */
final class FileTemplateCase implements BenchmarkCase {

    @Override
    public String id() {
        return "file";
    }

    @Override
    public String title() {
        return "3. file template, 1,000,000-line NDJSON, -Xmx256m";
    }

    @Override
    public long records(int latencyMillis) {
        return 1_000_000;
    }

    @Override
    public String notRunReason() {
        return "not yet: needs the file template";
    }

    @Override
    public Run prepare(Trial trial) {
        throw new UnsupportedOperationException(notRunReason());
    }
}
