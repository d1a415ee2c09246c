package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans PostgreSQL makes of the SQL source's page query, read with `EXPLAIN` (the plan's shape, not its time): a
 * page is an index range, whatever the cursor column and whatever statistics the state tables have. Small tables:
 * 20,000 model rows, pages of 1,000.
 */
class SqlSyncQueryPlanTest {

    private static final String QUERY = "SELECT user_id, full_name, email, updated_at FROM crm_users";
    private static final Timestamp CURSOR = Timestamp.from(Instant.parse("2026-01-01T00:10:00Z"));
    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    @BeforeAll
    static void start() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
        dataSource = postgres.getPostgresDatabase();
        // seven rows per second of update time: the cursor column is not unique, and not the key
        sql("CREATE TABLE crm_users (user_id BIGINT PRIMARY KEY, full_name TEXT, email TEXT,"
            + " updated_at TIMESTAMPTZ NOT NULL)",
                "INSERT INTO crm_users SELECT g, 'User ' || g, 'user' || g || '@example.com',"
                + " TIMESTAMPTZ '2026-01-01 00:00:00+00' + (g / 7) * INTERVAL '1 second'"
                + " FROM generate_series(1, 20000) g",
                // the index the Kamelet page asks for with a cursor column that is not the key
                "CREATE INDEX crm_users_sync ON crm_users (updated_at, user_id)",
                "ANALYZE crm_users");
        new SqlSyncState(dataSource, "any").createTables();
    }

    @AfterAll
    static void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aCursorColumnThatIsNotTheKeyIsPagedAsARangeOfItsIndex() throws SQLException {
        String plan = explain(sync("by-update-time", "updated_at", false).rowsQuery(true, true),
                Map.of("clevertapCursor", CURSOR, "clevertapKey", 4200L));

        assertThat(plan).contains("Index Scan using crm_users_sync on crm_users")
                .containsPattern("Index Cond: .*ROW\\(updated_at, user_id\\) > ROW\\(")
                // nothing read from the index's start and dropped by a filter
                .doesNotContain("Filter:").doesNotContain("Seq Scan").doesNotContain("Sort");
    }

    @Test
    void withoutRowValuesACursorPageIsStillARangeOfTheCursor() throws SQLException {
        // the form for databases that do not compare row values: only the rows sharing the position's value are
        // read and dropped again
        String plan = explain(sync("by-update-time", "updated_at", false).rowsQuery(true, false),
                Map.of("clevertapCursor", CURSOR, "clevertapKey", 4200L));

        assertThat(plan).contains("Index Scan using crm_users_sync on crm_users")
                .containsPattern("Index Cond: \\(updated_at >= ")
                .doesNotContain("Seq Scan").doesNotContain("Sort");
    }

    @Test
    void changeDetectionLooksUpThePagesHashesByKeyOnStateWithoutStatistics() throws SQLException {
        // an analysed hash table with another sync's 20,000 hashes, then 5,000 of this new sync's, not analysed:
        // the statistics say this sync has none, which made a join read all its hashes for every row of the page
        sql("INSERT INTO clevertap_sync_hash SELECT 'older-sync', CAST(g AS VARCHAR(512)), md5(g::text)"
            + " FROM generate_series(1, 20000) g",
                "ANALYZE clevertap_sync_hash",
                "INSERT INTO clevertap_sync_hash SELECT 'new-sync', CAST(g AS VARCHAR(512)), md5(g::text)"
                + " FROM generate_series(1, 5000) g");

        for (String cursorColumn : new String[] { null, "updated_at" }) {
            String plan = explain(sync("new-sync", cursorColumn, true).rowsQuery(true, true),
                    Map.of("clevertapSyncId", "new-sync", "clevertapCursor", CURSOR, "clevertapKey", 4200L));

            assertThat(plan).as(plan).contains("SubPlan")
                    .contains("Index Scan using clevertap_sync_hash_pkey on clevertap_sync_hash")
                    .containsPattern("Index Cond: \\(\\(\\(sync_id\\)::text = .*AND \\(\\(row_key\\)::text = ")
                    .doesNotContain("Nested Loop").doesNotContain("Join Filter").doesNotContain("Seq Scan");
        }
    }

    private static SqlSync sync(String syncId, String cursorColumn, boolean changeDetection) {
        SqlSync sync = new SqlSync();
        sync.setDataSource(dataSource);
        sync.setSyncId(syncId);
        sync.setQuery(QUERY);
        sync.setPrimaryKeyColumn("user_id");
        sync.setCursorColumn(cursorColumn);
        sync.setChangeDetection(changeDetection);
        sync.setPageSize(1000);
        sync.init();
        return sync;
    }

    /** The plan of a page query, its camel-sql parameters (`:?name`) bound as JDBC parameters. */
    private static String explain(String query, Map<String, Object> parameters) throws SQLException {
        List<Object> values = new ArrayList<>();
        Matcher parameter = Pattern.compile(":\\?(\\w+)").matcher(query);
        StringBuilder sql = new StringBuilder("EXPLAIN ");
        while (parameter.find()) {
            values.add(parameters.get(parameter.group(1)));
            parameter.appendReplacement(sql, "?");
        }
        parameter.appendTail(sql);
        StringBuilder plan = new StringBuilder();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement explain = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                explain.setObject(i + 1, values.get(i));
            }
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }

    private static void sql(String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
