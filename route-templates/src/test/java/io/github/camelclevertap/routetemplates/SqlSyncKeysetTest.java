package io.github.camelclevertap.routetemplates;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page query's keyset condition, in both its forms (a row value, and the form for databases without row values),
 * paged through on H2 with pages that end inside runs of rows sharing a cursor value: every row once, in order.
 */
class SqlSyncKeysetTest {

    private static JdbcDataSource dataSource;

    @BeforeAll
    static void createTable() throws SQLException {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:SqlSyncKeysetTest;DB_CLOSE_DELAY=-1");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // seven rows per update time, keys not in update order
            statement.execute("CREATE TABLE users (user_id BIGINT PRIMARY KEY, updated_at TIMESTAMP NOT NULL)");
            statement.execute("INSERT INTO users SELECT MOD(X * 37, 101), TIMESTAMP '2026-11-01 10:00:00'"
                              + " + (X / 7) * INTERVAL '1' SECOND FROM SYSTEM_RANGE(1, 100)");
        }
    }

    @Test
    void rowValuePagesReadEveryRowOnceAcrossTies() throws SQLException {
        assertThat(pageThrough(true)).isEqualTo(allInOrder());
    }

    @Test
    void pagesWithoutRowValuesReadEveryRowOnceAcrossTies() throws SQLException {
        assertThat(pageThrough(false)).isEqualTo(allInOrder());
    }

    /** Pages of three through the table, each after the last row of the one before, as the sync does. */
    private static List<Long> pageThrough(boolean rowValues) throws SQLException {
        SqlSync sync = new SqlSync();
        sync.setDataSource(dataSource);
        sync.setSyncId("keyset");
        sync.setQuery("SELECT user_id, updated_at FROM users");
        sync.setPrimaryKeyColumn("user_id");
        sync.setCursorColumn("updated_at");
        sync.setPageSize(3);
        sync.init();
        List<Long> keys = new ArrayList<>();
        Timestamp cursor = null;
        Long key = null;
        while (true) {
            List<Object[]> page = query(sync.rowsQuery(cursor != null, rowValues),
                    cursor == null ? Map.of() : Map.of("clevertapCursor", cursor, "clevertapKey", key));
            for (Object[] row : page) {
                keys.add((Long) row[0]);
                cursor = (Timestamp) row[1];
                key = (Long) row[0];
            }
            if (page.size() < 3) {
                return keys;
            }
        }
    }

    private static List<Long> allInOrder() throws SQLException {
        return query("SELECT user_id, updated_at FROM users ORDER BY updated_at, user_id", Map.of()).stream()
                .map(row -> (Long) row[0]).toList();
    }

    /** The user id and update time of each row; camel-sql's parameters (`:?name`) bound as JDBC parameters. */
    private static List<Object[]> query(String sql, Map<String, Object> parameters) throws SQLException {
        List<Object> values = new ArrayList<>();
        Matcher parameter = Pattern.compile(":\\?(\\w+)").matcher(sql);
        StringBuilder jdbc = new StringBuilder();
        while (parameter.find()) {
            values.add(parameters.get(parameter.group(1)));
            parameter.appendReplacement(jdbc, "?");
        }
        parameter.appendTail(jdbc);
        List<Object[]> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(jdbc.toString())) {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Object[] { result.getLong("USER_ID"), result.getTimestamp("UPDATED_AT") });
                }
            }
        }
        return rows;
    }
}
