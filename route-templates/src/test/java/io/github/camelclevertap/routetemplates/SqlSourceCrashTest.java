package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #7 for the SQL template: the sync runs in a child JVM over a 60,000-row table, is killed with SIGKILL mid-sync
 * and started again. While it runs, and right after the kill, the cursor stored in PostgreSQL is never ahead of what
 * the emulator stored; after the restart every row has been stored at least once.
 */
class SqlSourceCrashTest {

    private static final String ACCOUNT = "ACC-SqlSourceCrashTest";
    private static final String PASSCODE = "pc-crash-SECRET";
    private static final int ROWS = 60_000;
    /** The route's page size. */
    private static final int PAGE_SIZE = 5000;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension(emulator -> emulator.account(ACCOUNT, PASSCODE)
            .latency(Duration.ofMillis(20)));
    private static EmbeddedPostgres postgres;
    private static DataSource database;
    private static Process sync;

    @BeforeAll
    static void start() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
        database = postgres.getPostgresDatabase();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE big_users (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
            statement.execute("INSERT INTO big_users SELECT i, 'User ' || i FROM generate_series(1, " + ROWS + ") i");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (sync != null) {
            sync.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aSyncKilledMidwayResumesWithEveryRowStoredAndTheCursorNeverAhead() throws Exception {
        sync = startSync();
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertCursorNotAheadOfTheEmulator();
            return EMULATOR.get().storedRecordCount() >= ROWS / 3;
        });
        sync.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop
        assertThat(sync.waitFor(10, TimeUnit.SECONDS)).isTrue();
        int cursorAtKill = assertCursorNotAheadOfTheEmulator();
        long storedAtKill = EMULATOR.get().storedRecordCount();
        assertThat(storedAtKill).as("killed mid-sync").isLessThan(ROWS);

        sync = startSync();
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> assertCursorNotAheadOfTheEmulator()
                                                                                 == ROWS);

        Set<Integer> stored = storedIds();
        assertThat(stored).hasSize(ROWS);
        assertThat(stored).allMatch(id -> id >= 1 && id <= ROWS);
        long total = EMULATOR.get().storedRecordCount();
        System.out.printf("SQL sync killed with %d of %d rows stored, cursor at %d; after the restart %d stored,"
                          + " %d of them twice%n", storedAtKill, ROWS, cursorAtKill, total, total - ROWS);
        // sent again: at most the page that was being sent when the process died
        assertThat(total - ROWS).isBetween(0L, (long) PAGE_SIZE);
        assertThat(Files.readString(Path.of("target/sql-crash-child.log"))).contains("SQL sync 'big-users'")
                .doesNotContain(PASSCODE);
    }

    /**
     * Reads the stored cursor, then what the emulator stored (which only grows): every row up to the cursor must be
     * among them.
     *
     * @return the cursor, 0 before the first acknowledged page
     */
    private static int assertCursorNotAheadOfTheEmulator() throws SQLException {
        int cursor = cursor();
        Set<Integer> stored = storedIds();
        for (int id = 1; id <= cursor; id++) {
            if (!stored.contains(id)) {
                throw new AssertionError("the cursor is at " + cursor + " but row " + id + " was never stored");
            }
        }
        return cursor;
    }

    private static int cursor() throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet row = statement.executeQuery("SELECT cursor_value FROM clevertap_sync_cursor"
                                                        + " WHERE sync_id = 'big-users'")) {
                return row.next() ? Integer.parseInt(row.getString(1)) : 0;
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0; // the sync has not created its tables yet
            }
            throw e;
        }
    }

    private static Set<Integer> storedIds() {
        Set<Integer> ids = new HashSet<>();
        for (Map<String, Object> record : EMULATOR.get().storedRecords(ACCOUNT)) {
            ids.add(Integer.valueOf((String) record.get("identity")));
        }
        return ids;
    }

    private static Process startSync() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Dlog4j2.configurationFile="
                    + SqlSourceCrashTest.class.getResource("/log4j2-sql-crash-child.properties"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SqlSyncProcess.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target/sql-crash-child.out").toFile());
        builder.environment().put("SYNC_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
        builder.environment().put("SYNC_ACCOUNT", ACCOUNT);
        builder.environment().put("SYNC_PASSCODE", PASSCODE);
        builder.environment().put("SYNC_BASE_URI", EMULATOR.get().baseUri().toString());
        return builder.start();
    }
}
