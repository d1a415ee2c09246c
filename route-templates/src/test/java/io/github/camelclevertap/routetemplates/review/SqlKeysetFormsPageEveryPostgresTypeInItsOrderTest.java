package io.github.camelclevertap.routetemplates.review;

import java.sql.*;
import java.util.*;
import java.util.regex.*;
import javax.sql.DataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.github.camelclevertap.routetemplates.SqlSync;
import org.junit.jupiter.api.Test;
import java.lang.reflect.Method;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Held (kept enabled as coverage): issue #20's keyset condition in both forms, the row value `(c, pk) > (?, ?)` and
 * the fallback `c >= ? AND (c > ? OR pk > ?)`, paged through on PostgreSQL 18 with the position going through the
 * state's encoding (as the sync keeps it) for cursor and key columns of many types (text under the database's
 * collation and under "C", char(n), numeric of mixed scales, timestamptz with microseconds and offsets, timestamp,
 * date with UUID keys, real, double): every row once, in the order of `ORDER BY c, k`, pages ending inside ties.
 */
class SqlKeysetFormsPageEveryPostgresTypeInItsOrderTest {
    static DataSource ds;

    @Test
    void bothFormsReadEveryRowOnceInTheDatabasesOrder() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start()) {
            ds = pg.getPostgresDatabase();
            String[][] cases = {
                {"INT", "TEXT", "('a',1),('B',1),('c',1),('D',1),('é',1),('e',1),('a b',1),('ab',1)"},
                {"INT", "CHAR(3)", "('a',1),('a b',1),('ab',1),('b',1)"},
                {"INT", "TEXT COLLATE \"C\"", "('a',1),('B',1),('c',1),('D',1)"},
                {"TEXT", "INT", "(1,'x'),(2,'Y'),(3,'x'),(4,'y'),(5,'é'),(6,'e')"},
                {"NUMERIC", "NUMERIC", "(1.0,1.5),(2.00,1.50),(3,1.5),(4,2)"},
                {"TIMESTAMPTZ", "INT", "(1,'2026-01-01 10:00:00.123456+00'),(2,'2026-01-01 10:00:00.123456+00'),(3,'2026-01-01 10:00:00.123457+00'),(4,'2026-01-01 11:00:00+01')"},
                {"TIMESTAMP", "BIGINT", "(1,'2026-01-01 10:00:00.5'),(2,'2026-01-01 10:00:00.5'),(3,'2026-01-01 10:00:01')"},
                {"DATE", "UUID", "(gen_random_uuid(), DATE '2026-01-01'),(gen_random_uuid(), DATE '2026-01-01'),(gen_random_uuid(), DATE '2026-01-01'),(gen_random_uuid(), DATE '2026-01-02')"},
                {"REAL", "SMALLINT", "(1, 0.1),(2, 0.1),(3, 0.3),(4, 0.3)"},
                {"DOUBLE PRECISION", "BIGINT", "(1, 0.1),(2, 0.1),(3, 0.30000000000000004),(4, 0.3)"},
                {"VARCHAR(10)", "VARCHAR(10)", "('a','x'),('B','x'),('c','x'),('D','x')"},
            };
            for (String[] cs : cases) {
                try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS t");
                    s.execute("CREATE TABLE t (k " + cs[1] + " PRIMARY KEY, c " + cs[0] + ")");
                    s.execute("INSERT INTO t VALUES " + cs[2]);
                }
                List<String> full = rows("SELECT CAST(k AS VARCHAR(512)) AS ck, c, k FROM t ORDER BY c, k", Map.of(), null);
                for (int size : new int[] {1, 2}) {
                    for (boolean rv : new boolean[] {true, false}) {
                        assertThat(pageThrough(rv, size)).as(cs[0] + " cursor, " + cs[1] + " key, row values " + rv
                                                             + ", pages of " + size).isEqualTo(full);
                    }
                }
            }
        }
    }

    static List<String> pageThrough(boolean rv, int size) throws Exception {
        Method rowsQuery = SqlSync.class.getDeclaredMethod("rowsQuery", boolean.class, boolean.class);
        rowsQuery.setAccessible(true);
        Class<?> state = Class.forName("io.github.camelclevertap.routetemplates.SqlSyncState");
        Method encode = state.getDeclaredMethod("encode", Object.class);
        encode.setAccessible(true);
        Method decode = state.getDeclaredMethod("decode", String.class, String.class, String.class);
        decode.setAccessible(true);
        SqlSync sync = new SqlSync();
        sync.setDataSource(ds); sync.setSyncId("x"); sync.setQuery("SELECT k, c FROM t");
        sync.setPrimaryKeyColumn("k"); sync.setCursorColumn("c"); sync.setPageSize(size); sync.init();
        List<String> keys = new ArrayList<>();
        Object[] pos = null;
        for (int i = 0; i < 50; i++) {
            Object[] last = new Object[2];
            Map<String, Object> params = new HashMap<>();
            if (pos != null) {
                String[] ce = (String[]) encode.invoke(null, pos[0]);
                String[] ke = (String[]) encode.invoke(null, pos[1]);
                params.put("clevertapCursor", decode.invoke(null, ce[0], ce[1], "c"));
                params.put("clevertapKey", decode.invoke(null, ke[0], ke[1], "k"));
            }
            int n = rows((String) rowsQuery.invoke(sync, pos != null, rv), params, last).size();
            keys.addAll(lastRows);
            if (n < size) return keys;
            pos = last;
        }
        return keys;
    }

    static List<String> lastRows;

    static List<String> rows(String sql, Map<String, Object> parameters, Object[] last) throws SQLException {
        List<Object> values = new ArrayList<>();
        Matcher parameter = Pattern.compile(":\\?(\\w+)").matcher(sql);
        StringBuilder jdbc = new StringBuilder();
        while (parameter.find()) { values.add(parameters.get(parameter.group(1))); parameter.appendReplacement(jdbc, "?"); }
        parameter.appendTail(jdbc);
        List<String> out = new ArrayList<>();
        try (Connection connection = ds.getConnection(); PreparedStatement st = connection.prepareStatement(jdbc.toString())) {
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                if (v instanceof String str) st.setString(i + 1, str); else if (v instanceof java.sql.Timestamp ts) st.setTimestamp(i + 1, ts); else st.setObject(i + 1, v);
            }
            try (ResultSet r = st.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(r.findColumn(sql.contains("clevertap_key") ? "clevertap_key" : "ck")));
                    if (last != null) { last[0] = r.getObject("c"); last[1] = r.getObject("k"); }
                }
            }
        }
        lastRows = out;
        return out;
    }
}
