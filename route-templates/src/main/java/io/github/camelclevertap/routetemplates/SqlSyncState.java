package io.github.camelclevertap.routetemplates;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * The durable state of the SQL syncs, in four tables of the model's database: the cursor of each sync, the content
 * hash of each row sent (change detection), the members of each segment, and the rejected rows with their reason.
 * Everything one page changes is written in one transaction, so a crash leaves either all or none of it.
 *
 * <p>The SQL is plain, tested on PostgreSQL and H2: `CREATE TABLE IF NOT EXISTS` (only for missing tables), and
 * delete-then-insert instead of a dialect's upsert (`ON CONFLICT`, `MERGE`).
 */
final class SqlSyncState {

    static final String CURSOR_TABLE = "clevertap_sync_cursor";
    static final String HASH_TABLE = "clevertap_sync_hash";
    static final String MEMBER_TABLE = "clevertap_sync_member";
    static final String REJECTED_TABLE = "clevertap_sync_rejected";

    /** The state tables, in the order of {@link #DDL}. */
    static final List<String> TABLES = List.of(CURSOR_TABLE, HASH_TABLE, MEMBER_TABLE, REJECTED_TABLE);

    /** The DDL, also shown in the README for those who create the tables themselves. */
    static final List<String> DDL = List.of(
            "CREATE TABLE IF NOT EXISTS " + CURSOR_TABLE + " (sync_id VARCHAR(200) NOT NULL PRIMARY KEY,"
                                            + " cursor_value VARCHAR(512), cursor_type VARCHAR(20),"
                                            + " key_value VARCHAR(512), key_type VARCHAR(20),"
                                            + " updated_at TIMESTAMP NOT NULL)",
            "CREATE TABLE IF NOT EXISTS " + HASH_TABLE + " (sync_id VARCHAR(200) NOT NULL,"
                                          + " row_key VARCHAR(512) NOT NULL, content_hash VARCHAR(64) NOT NULL,"
                                          + " PRIMARY KEY (sync_id, row_key))",
            "CREATE TABLE IF NOT EXISTS " + MEMBER_TABLE + " (sync_id VARCHAR(200) NOT NULL,"
                                            + " member_key VARCHAR(512) NOT NULL, PRIMARY KEY (sync_id, member_key))",
            "CREATE TABLE IF NOT EXISTS " + REJECTED_TABLE + " (sync_id VARCHAR(200) NOT NULL,"
                                              + " row_key VARCHAR(512), code INTEGER NOT NULL,"
                                              + " error VARCHAR(4000) NOT NULL, record VARCHAR(1000000),"
                                              + " rejected_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)");

    /**
     * Where a sync stands: the cursor column's value and the primary key of the last row acknowledged (the key alone
     * when there is no cursor column), as the JDBC driver gave them, so they bind with the column's type.
     */
    record Position(Object cursor, Object key) {

        static final Position START = new Position(null, null);
    }

    /** A row CleverTap (or the local checks) rejected. */
    record Rejected(String rowKey, int code, String error, String record) {
    }

    /** What one page changes: applied in one transaction. */
    record Changes(List<Rejected> rejected, Map<String, String> hashes, Collection<String> joined,
                   Collection<String> left, Position position, boolean forwardOnly) {
    }

    private final DataSource dataSource;
    private final String syncId;

    SqlSyncState(DataSource dataSource, String syncId) {
        this.dataSource = dataSource;
        this.syncId = syncId;
    }

    /**
     * Creates the state tables that do not exist yet; returns the database's product name, as JDBC gives it. A table
     * that exists is left alone, so a user without CREATE works on tables a DBA created (PostgreSQL refuses even
     * `CREATE TABLE IF NOT EXISTS` then). The check is a probe query, not DatabaseMetaData: it finds the table as the
     * sync's own statements will (search path, identifier case).
     */
    String createTables() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            for (int i = 0; i < TABLES.size(); i++) {
                if (!exists(connection, TABLES.get(i))) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute(DDL.get(i));
                    } catch (SQLException e) {
                        throw new SQLException("the state table " + TABLES.get(i) + " is missing (or not readable)"
                                               + " and could not be created: create it with the DDL of the Kamelet's"
                                               + " page, or grant the sync's user SELECT on it (" + e.getMessage()
                                               + ")", e.getSQLState(), e);
                    }
                }
            }
            return connection.getMetaData().getDatabaseProductName();
        }
    }

    private static boolean exists(Connection connection, String table) {
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException missing) {
            return false;
        }
    }

    Position load(String cursorColumn, String keyColumn) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT cursor_value, cursor_type, key_value,"
                                                                    + " key_type FROM " + CURSOR_TABLE
                                                                    + " WHERE sync_id = ?")) {
            select.setString(1, syncId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Position.START;
                }
                return new Position(decode(row.getString(1), row.getString(2), cursorColumn),
                        decode(row.getString(3), row.getString(4), keyColumn));
            }
        }
    }

    /**
     * Applies a page's changes in one transaction: rejected rows, content hashes, segment members and, last, the
     * position (null: unchanged).
     */
    void apply(Changes changes) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                insertRejected(connection, changes.rejected());
                if (!changes.hashes().isEmpty()) {
                    batch(connection, "DELETE FROM " + HASH_TABLE + " WHERE sync_id = ? AND row_key = ?",
                            changes.hashes().keySet(), (statement, key) -> statement.setString(2, key));
                    batch(connection, "INSERT INTO " + HASH_TABLE + " (sync_id, row_key, content_hash) VALUES (?, ?, ?)",
                            changes.hashes().entrySet(), (statement, entry) -> {
                                statement.setString(2, entry.getKey());
                                statement.setString(3, entry.getValue());
                            });
                }
                batch(connection, "INSERT INTO " + MEMBER_TABLE + " (sync_id, member_key) VALUES (?, ?)",
                        changes.joined(), (statement, key) -> statement.setString(2, key));
                batch(connection, "DELETE FROM " + MEMBER_TABLE + " WHERE sync_id = ? AND member_key = ?",
                        changes.left(), (statement, key) -> statement.setString(2, key));
                if (changes.position() != null) {
                    savePosition(connection, changes.position(), changes.forwardOnly());
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private void insertRejected(Connection connection, List<Rejected> rejected) throws SQLException {
        batch(connection, "INSERT INTO " + REJECTED_TABLE + " (sync_id, row_key, code, error, record)"
                          + " VALUES (?, ?, ?, ?, ?)",
                rejected, (statement, row) -> {
                    statement.setString(2, row.rowKey());
                    statement.setInt(3, row.code());
                    statement.setString(4, truncate(row.error(), 4000));
                    statement.setString(5, row.record());
                });
    }

    /**
     * Writes the position. With forwardOnly (a cursor column), the stored position is read under a row lock first
     * and kept when it is already past the new one: a replica that lost leadership may acknowledge a page late,
     * after the new leader moved the cursor on, and must not move it back (its rows would be sent again).
     */
    private void savePosition(Connection connection, Position position, boolean forwardOnly) throws SQLException {
        if (forwardOnly) {
            try (PreparedStatement select = connection.prepareStatement("SELECT cursor_value, cursor_type,"
                                                                        + " key_value, key_type FROM "
                                                                        + CURSOR_TABLE
                                                                        + " WHERE sync_id = ? FOR UPDATE")) {
                select.setString(1, syncId);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        Position stored = new Position(decode(row.getString(1), row.getString(2), "cursor"),
                                decode(row.getString(3), row.getString(4), "key"));
                        if (isBehind(position, stored)) {
                            return;
                        }
                    }
                }
            }
        }
        // both statements take the same parameters in the same order
        String update = "UPDATE " + CURSOR_TABLE + " SET cursor_value = ?, cursor_type = ?, key_value = ?,"
                        + " key_type = ?, updated_at = ? WHERE sync_id = ?";
        String insert = "INSERT INTO " + CURSOR_TABLE + " (cursor_value, cursor_type, key_value, key_type,"
                        + " updated_at, sync_id) VALUES (?, ?, ?, ?, ?, ?)";
        if (writePosition(connection, update, position) == 0) {
            writePosition(connection, insert, position);
        }
    }

    /**
     * Whether the position is strictly behind the stored one, in the order of (cursor, key) the page query uses.
     * Only values whose Java order is the database's are compared (numbers, dates, times): text and UUIDs sort by the
     * database's collation or byte order, so for them the position is never taken as behind (it is written).
     */
    static boolean isBehind(Position position, Position stored) {
        Integer cursor = compare(position.cursor(), stored.cursor());
        if (cursor == null) {
            // cursors that cannot be compared (text; a position kept in an older encoding): the key says nothing
            return false;
        }
        if (cursor != 0) {
            return cursor < 0;
        }
        Integer key = compare(position.key(), stored.key());
        return key != null && key < 0;
    }

    /** Negative, zero or positive as for Comparable; null when the two differ but cannot be compared safely. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Integer compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == b ? 0 : null;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            // binary columns (row versions) sort by unsigned bytes in PostgreSQL, H2, MySQL and SQL Server
            return Arrays.compareUnsigned(x, y);
        }
        if (a instanceof Number x && b instanceof Number y && !(a instanceof Double || a instanceof Float
                                                                  || b instanceof Double || b instanceof Float)) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        boolean ordered = a instanceof Timestamp || a instanceof Date || a instanceof OffsetDateTime
                          || a instanceof LocalDateTime || a instanceof LocalDate || a instanceof Instant;
        if (ordered && a.getClass() == b.getClass()) {
            return ((Comparable) a).compareTo(b);
        }
        return a.equals(b) ? 0 : null;
    }

    private int writePosition(Connection connection, String sql, Position position) throws SQLException {
        String[] cursor = encode(position.cursor());
        String[] key = encode(position.key());
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, cursor[0]);
            statement.setString(2, cursor[1]);
            statement.setString(3, key[0]);
            statement.setString(4, key[1]);
            statement.setTimestamp(5, Timestamp.from(Instant.now()));
            statement.setString(6, syncId);
            return statement.executeUpdate();
        }
    }

    private interface Binder<T> {
        void bind(PreparedStatement statement, T item) throws SQLException;
    }

    /** Runs the statement once per item, as one JDBC batch; the first parameter is always the sync id. */
    private <T> void batch(Connection connection, String sql, Collection<T> items, Binder<T> binder)
            throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (T item : items) {
                statement.setString(1, syncId);
                binder.bind(statement, item);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    /**
     * A cursor value as text and the name of its type, so it is read back as the same Java type and binds to the
     * query with the column's type (PostgreSQL does not compare a timestamp column with a text parameter).
     */
    static String[] encode(Object value) {
        if (value == null) {
            return new String[] { null, null };
        }
        String type;
        String text;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            type = "long";
            text = String.valueOf(((Number) value).longValue());
        } else if (value instanceof BigDecimal || value instanceof BigInteger) {
            type = "decimal";
            text = new BigDecimal(value.toString()).toPlainString();
        } else if (value instanceof Double || value instanceof Float) {
            type = "double";
            text = String.valueOf(((Number) value).doubleValue());
        } else if (value instanceof byte[] bytes) {
            // a binary row version (SQL Server's rowversion), as hexadecimal
            type = "bytes";
            text = HexFormat.of().formatHex(bytes);
        } else if (value instanceof Timestamp timestamp) {
            // kept as it was: positions stored so still load; SqlCursorRowMapperFactory reads TIMESTAMP columns as
            // LocalDateTime, so a Timestamp is now only a driver's other type
            type = "timestamp";
            text = timestamp.toString();
        } else if (value instanceof Date date) {
            type = "date";
            text = date.toString();
        } else if (value instanceof OffsetDateTime || value instanceof LocalDateTime || value instanceof LocalDate
                || value instanceof Instant || value instanceof UUID || value instanceof String) {
            type = value.getClass().getSimpleName();
            text = value.toString();
        } else {
            throw new IllegalArgumentException("a " + value.getClass().getName() + " cannot be kept as a cursor: use"
                                               + " a column of numbers, text, UUIDs, dates, timestamps or binary");
        }
        if (text.length() > 512) {
            throw new IllegalArgumentException("a cursor value longer than 512 characters (binary: 256 bytes) cannot"
                                               + " be kept");
        }
        return new String[] { text, type };
    }

    static Object decode(String text, String type, String column) {
        if (text == null || type == null) {
            return null;
        }
        return switch (type) {
            case "long" -> Long.valueOf(text);
            case "decimal" -> new BigDecimal(text);
            case "double" -> Double.valueOf(text);
            case "timestamp" -> Timestamp.valueOf(text);
            case "date" -> Date.valueOf(text);
            case "OffsetDateTime" -> OffsetDateTime.parse(text);
            case "LocalDateTime" -> LocalDateTime.parse(text);
            case "LocalDate" -> LocalDate.parse(text);
            case "Instant" -> Instant.parse(text);
            case "UUID" -> UUID.fromString(text);
            case "bytes" -> HexFormat.of().parseHex(text);
            case "String" -> text;
            default -> throw new IllegalStateException("the stored position of column '" + column + "' has the"
                                                       + " unknown type '" + type + "' in " + CURSOR_TABLE);
        };
    }
}
