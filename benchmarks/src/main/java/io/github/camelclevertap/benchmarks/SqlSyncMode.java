package io.github.camelclevertap.benchmarks;

/** The ways `clevertap-sql-source` keeps a sync incremental, as {@link SqlSourceBenchmark} runs them. */
enum SqlSyncMode {

    KEY("key", "cursor on the key", "user_id", false),
    UPDATED("updated", "cursor on updated_at (not the key)", "updated_at", false),
    CHANGE("change", "change detection, no cursor", null, true),
    UPDATED_CHANGE("updated+change", "cursor on updated_at + change detection", "updated_at", true);

    private final String id;
    private final String title;
    private final String cursorColumn;
    private final boolean changeDetection;

    SqlSyncMode(String id, String title, String cursorColumn, boolean changeDetection) {
        this.id = id;
        this.title = title;
        this.cursorColumn = cursorColumn;
        this.changeDetection = changeDetection;
    }

    static SqlSyncMode of(String id) {
        for (SqlSyncMode mode : values()) {
            if (mode.id.equals(id.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode " + id + ": key, updated, change or updated+change");
    }

    String id() {
        return id;
    }

    String title() {
        return title;
    }

    /** The Kamelet's options for this mode, as URI parameters. */
    String options() {
        return (cursorColumn == null ? "" : "&cursorColumn=" + cursorColumn) + "&changeDetection=" + changeDetection;
    }
}
