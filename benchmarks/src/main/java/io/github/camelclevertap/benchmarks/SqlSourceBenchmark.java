package io.github.camelclevertap.benchmarks;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * How the cost of `kamelet:clevertap-sql-source` grows with the table: a `crm_users` table of each size on an embedded
 * PostgreSQL (loopback), synced into the forked emulator in each mode, one fresh sync after another. For each: the
 * first sync's time and rows/s, its slowest page, a caught-up poll, and the sync's state (rows and bytes of its state
 * tables). Not part of {@link BenchmarkMain}'s latency grid: its figures are per table size, not per latency.
 *
 * <pre>
 * java -cp benchmarks/target/camel-clevertap-benchmarks.jar io.github.camelclevertap.benchmarks.SqlSourceBenchmark
 *      [--rows 10000,100000,1000000] [--modes key,updated,change,updated+change] [--polls 3]
 * </pre>
 */
public final class SqlSourceBenchmark {

    static final String ACCOUNT = "ACC-SqlSourceBenchmark";
    static final String PASSCODE = "pc-sql-benchmark";
    private static final long WARM_UP_ROWS = 20_000;

    private SqlSourceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Long> sizes = List.of(10_000L, 100_000L, 1_000_000L);
        List<SqlSyncMode> modes = List.of(SqlSyncMode.values());
        int polls = 3;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rows" -> sizes = Arrays.stream(args[i + 1].split(",")).map(String::strip).map(Long::valueOf)
                        .toList();
                case "--modes" -> modes = Arrays.stream(args[i + 1].split(",")).map(SqlSyncMode::of).toList();
                case "--polls" -> polls = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        PrintStream out = System.out;
        out.println(Environment.current().describe());
        List<SqlSyncRun.Result> results = run(sizes, modes, polls, WARM_UP_ROWS, out);
        out.println();
        out.println(SqlSyncRun.Result.HEADER);
        results.forEach(result -> out.println(result.line()));
    }

    /**
     * Runs each mode on each table size, after a warm-up of each mode on {@code warmUpRows} rows (none for 0), not
     * reported: the first runs would otherwise pay for the JIT and class loading.
     */
    static List<SqlSyncRun.Result> run(List<Long> sizes, List<SqlSyncMode> modes, int polls, long warmUpRows,
                                       PrintStream out) throws Exception {
        List<SqlSyncRun.Result> results = new ArrayList<>();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1").start();
             ForkedEmulator emulator = new ForkedEmulator(PASSCODE, List.of(ACCOUNT), "1g")) {
            DataSource dataSource = postgres.getPostgresDatabase();
            if (warmUpRows > 0) {
                createTable(dataSource, warmUpRows);
                for (SqlSyncMode mode : modes) {
                    new SqlSyncRun(dataSource, emulator.baseUri(), mode, warmUpRows, 1).run();
                }
            }
            for (long rows : sizes) {
                createTable(dataSource, rows);
                for (SqlSyncMode mode : modes) {
                    emulator.reset();
                    SqlSyncRun.Result result = new SqlSyncRun(dataSource, emulator.baseUri(), mode, rows, polls).run();
                    long stored = emulator.snapshot().storedRecords();
                    if (stored != rows) {
                        throw new IllegalStateException(mode.id() + " at " + rows + " rows: CleverTap stored " + stored
                                                        + " records");
                    }
                    out.println(result.line());
                    results.add(result);
                }
            }
        }
        return results;
    }

    /**
     * `crm_users` of the given size: seven rows per second of `updated_at` (a cursor column with ties, not the key), with
     * the index the Kamelet page asks for, analysed as a warehouse table would be.
     */
    private static void createTable(DataSource dataSource, long rows) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS crm_users");
            statement.execute("CREATE TABLE crm_users (user_id BIGINT PRIMARY KEY, full_name TEXT, email TEXT,"
                              + " plan TEXT, updated_at TIMESTAMPTZ NOT NULL)");
            statement.execute(String.format(Locale.ROOT, "INSERT INTO crm_users SELECT g, 'User ' || g,"
                                                         + " 'user' || g || '@example.com',"
                                                         + " CASE WHEN g %% 3 = 0 THEN 'pro' ELSE 'free' END,"
                                                         + " TIMESTAMPTZ '2026-01-01 00:00:00+00'"
                                                         + " + (g / 7) * INTERVAL '1 second'"
                                                         + " FROM generate_series(1, %d) g", rows));
            statement.execute("CREATE INDEX crm_users_sync ON crm_users (updated_at, user_id)");
            statement.execute("VACUUM ANALYZE crm_users");
        }
    }

    static long count(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
