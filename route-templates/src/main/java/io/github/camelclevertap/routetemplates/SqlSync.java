package io.github.camelclevertap.routetemplates;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.component.CleverTapConstants;
import io.github.camelclevertap.component.CleverTapDeliveryException;
import io.github.camelclevertap.component.RejectedRecord;
import io.github.camelclevertap.component.UndeliveredRecord;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One warehouse sync of `clevertap-sql-source`: a SQL query is the model, read a page at a time; each row becomes a
 * CleverTap record, and the sync's state (cursor, content hashes, segment members, rejected rows) moves on only for
 * the rows CleverTap answered for. The Kamelet calls it three times per page:
 * <ol>
 * <li>{@link #pageQuery(Exchange)}: the next page's SQL as the body, for camel-sql;</li>
 * <li>{@link #records(Exchange)}: the page's rows (camel-sql's result) into records for the sink;</li>
 * <li>{@link #acknowledge(Exchange)}: once the sink answered (or failed), writes the state in one transaction.</li>
 * </ol>
 *
 * <p>Three kinds of sync:
 * <ul>
 * <li>a cursor column (an increasing id or update time): pages in the order of (cursor, primary key), the position
 * kept after the last row answered; rows before it are never read again;</li>
 * <li>no cursor column, change detection on: every poll is a pass over the whole model in primary-key order, and only
 * rows whose record changed since CleverTap last answered for it are sent;</li>
 * <li>a segment: the query's rows are the members, and the rows that entered or left its result since the last sync
 * get the segment's value added to or removed from a multi-value profile property.</li>
 * </ul>
 */
public class SqlSync {

    private static final Logger LOG = LoggerFactory.getLogger(SqlSync.class);
    private static final String PAGE = "CleverTapSqlPage";
    /** camel-sql's header with the parameters of a query given in the body. */
    private static final String SQL_PARAMETERS = "CamelSqlParameters";
    private static final String KEY = "clevertap_key";
    private static final String HASH = "clevertap_hash";
    private static final String OP = "clevertap_op";
    private static final String ADD = "add";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*|\"[^\"]+\"");
    private static final Pattern SYNC_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Databases (as JDBC names them) that compare row values, `(a, b) > (x, y)`; Oracle, SQL Server and Derby do
     * not, and get the equivalent `c >= ? AND (c > ? OR pk > ?)`.
     */
    private static final Set<String> ROW_VALUE_DATABASES = Set.of("PostgreSQL", "H2", "MySQL", "MariaDB",
            "HSQL Database Engine", "SQLite");

    private DataSource dataSource;
    private String syncId;
    private String query;
    private String type = "profile";
    private String primaryKeyColumn;
    private String identityColumn;
    private String eventName;
    private String eventNameColumn;
    private String timestampColumn;
    private String cursorColumn;
    private boolean changeDetection;
    private String segmentProperty;
    private String segmentValue;
    private int pageSize = 15_000;

    private SqlSyncState state;
    /** The columns that are not sent as properties, in lower case. */
    private final Set<String> notProperties = new HashSet<>();
    private volatile boolean tablesReady;
    private volatile boolean rowValues;

    /** A row of the page being synced: its key, where it puts the sync, and what became of it. */
    private record Row(String key, Object cursor, Object keyValue, String hash, String op, int sentIndex) {

        boolean sent() {
            return sentIndex >= 0;
        }
    }

    private record Page(List<Row> rows, boolean full) {
    }

    /**
     * Checks the options, so a wrong sync fails when its route starts, with the option's name.
     */
    public void init() {
        require(dataSource != null, "dataSource", "must name a javax.sql.DataSource bean");
        require(syncId != null && SYNC_ID.matcher(syncId).matches(), "syncId",
                "must be 1 to 200 letters, digits, '.', '_' or '-'");
        require(!blank(query), "query", "must be a SQL SELECT");
        query = query.strip().replaceAll(";+$", "");
        require(type.equals("profile") || type.equals("event"), "type", "must be 'profile' or 'event'");
        requireColumn(primaryKeyColumn, "primaryKeyColumn", true);
        requireColumn(identityColumn, "identityColumn", false);
        requireColumn(eventNameColumn, "eventNameColumn", false);
        requireColumn(timestampColumn, "timestampColumn", false);
        requireColumn(cursorColumn, "cursorColumn", false);
        require(pageSize >= 1 && pageSize <= 100_000, "pageSize", "must be between 1 and 100000");
        if (segment()) {
            require(!blank(segmentProperty) && !blank(segmentValue), "segmentProperty",
                    "and segmentValue must be set together");
            require(type.equals("profile"), "type", "must be 'profile' for a segment");
            require(blank(cursorColumn) && !changeDetection, "cursorColumn",
                    "and changeDetection do not apply to a segment: its members are compared on every poll");
        } else {
            require(type.equals("profile") || !blank(eventName) || !blank(eventNameColumn), "eventName",
                    "or eventNameColumn must be set for events");
            require(!blank(cursorColumn) || changeDetection, "cursorColumn",
                    "or changeDetection must be set, else every poll would send every row again");
        }
        for (String column : new String[] {
                KEY, HASH, SqlCursorRowMapperFactory.CURSOR, primaryKeyColumn, identityColumn(), eventNameColumn, timestampColumn, cursorColumn }) {
            if (!blank(column)) {
                notProperties.add(unquoted(column).toLowerCase(Locale.ROOT));
            }
        }
        state = new SqlSyncState(dataSource, syncId);
    }

    /**
     * Puts the next page's SQL in the body and its parameters in camel-sql's `CamelSqlParameters` header.
     */
    public void pageQuery(Exchange exchange) throws SQLException {
        if (!tablesReady) {
            rowValues = ROW_VALUE_DATABASES.contains(state.createTables());
            tablesReady = true;
        }
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("clevertapSyncId", syncId);
        String sql;
        if (segment()) {
            sql = segmentQuery();
        } else {
            SqlSyncState.Position position = state.load(cursorColumn, primaryKeyColumn);
            parameters.put("clevertapCursor", position.cursor());
            parameters.put("clevertapKey", position.key());
            sql = rowsQuery(!blank(cursorColumn) ? position.cursor() != null : position.key() != null, rowValues);
        }
        exchange.getMessage().setBody(sql);
        exchange.getMessage().setHeader(SQL_PARAMETERS, parameters);
    }

    /**
     * The next page of rows in keyset order, its condition an index range: `pk > ?` on the primary key; with a cursor
     * column, the row value `(c, pk) > (?, ?)` on an index of (cursor, primary key), or, where row values are not
     * compared, `c >= ? AND (c > ? OR pk > ?)`, a range of the cursor that reads again only the rows sharing the
     * position's value. (`c > ? OR (c = ? AND pk > ?)` is no range: PostgreSQL read the index from its start at every
     * page.) The `c >= ?` beside the row value gives a database that does not plan row values a range of the cursor.
     */
    String rowsQuery(boolean after, boolean rowValues) {
        String pk = "m." + primaryKeyColumn;
        String key = "CAST(" + pk + " AS VARCHAR(512))";
        StringBuilder sql = new StringBuilder("SELECT m.*, ").append(key).append(" AS ").append(KEY);
        if (changeDetection) {
            // a lookup per row of the page on the hash table's primary key: unlike a join, its plan does not hang on
            // statistics the hash table does not have yet (a fresh table, or a new sync beside an analysed one)
            sql.append(", (SELECT h.content_hash FROM ").append(SqlSyncState.HASH_TABLE)
                    .append(" h WHERE h.sync_id = :?clevertapSyncId AND h.row_key = ").append(key).append(") AS ")
                    .append(HASH);
        }
        sql.append(" FROM (").append(query).append(") m WHERE ").append(pk).append(" IS NOT NULL");
        if (blank(cursorColumn)) {
            if (after) {
                sql.append(" AND ").append(pk).append(" > :?clevertapKey");
            }
            sql.append(" ORDER BY ").append(pk);
        } else {
            String cursor = "m." + cursorColumn;
            // a copy of the cursor that camel-sql reads as the database holds it (SqlCursorRowMapperFactory)
            sql.insert(sql.indexOf(" FROM ("), ", " + cursor + " AS " + SqlCursorRowMapperFactory.CURSOR);
            sql.append(" AND ").append(cursor).append(" IS NOT NULL");
            if (after) {
                // rows sharing the cursor value of a page's last row are not skipped
                sql.append(" AND ").append(cursor).append(" >= :?clevertapCursor AND ");
                if (rowValues) {
                    sql.append("(").append(cursor).append(", ").append(pk)
                            .append(") > (:?clevertapCursor, :?clevertapKey)");
                } else {
                    sql.append("(").append(cursor).append(" > :?clevertapCursor OR ").append(pk)
                            .append(" > :?clevertapKey)");
                }
            }
            sql.append(" ORDER BY ").append(cursor).append(", ").append(pk);
        }
        return sql.append(" FETCH FIRST ").append(pageSize).append(" ROWS ONLY").toString();
    }

    /** The members that entered the query's result and those that left it, by key. */
    private String segmentQuery() {
        String pk = "CAST(m." + primaryKeyColumn + " AS VARCHAR(512))";
        return "SELECT d." + OP + ", d." + KEY + " FROM ("
               + "SELECT 'add' AS " + OP + ", k." + KEY + " FROM (SELECT DISTINCT " + pk + " AS " + KEY
               + " FROM (" + query + ") m WHERE m." + primaryKeyColumn + " IS NOT NULL) k"
               + " WHERE NOT EXISTS (SELECT 1 FROM " + SqlSyncState.MEMBER_TABLE + " s"
               + " WHERE s.sync_id = :?clevertapSyncId AND s.member_key = k." + KEY + ")"
               + " UNION ALL"
               + " SELECT 'remove' AS " + OP + ", s.member_key AS " + KEY + " FROM " + SqlSyncState.MEMBER_TABLE + " s"
               + " WHERE s.sync_id = :?clevertapSyncId AND NOT EXISTS (SELECT 1 FROM (" + query + ") m"
               + " WHERE " + pk + " = s.member_key)"
               + ") d ORDER BY d." + KEY + " FETCH FIRST " + pageSize + " ROWS ONLY";
    }

    /**
     * Turns the page's rows into the records to send (the body), leaving out rows whose record did not change.
     */
    public void records(Exchange exchange) throws JsonProcessingException {
        List<?> result = exchange.getMessage().getBody(List.class);
        List<Map<String, Object>> records = new ArrayList<>();
        List<Row> rows = new ArrayList<>(result.size());
        for (Object item : result) {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = (Map<String, Object>) item;
            String key = String.valueOf(column(row, KEY));
            if (segment()) {
                String op = String.valueOf(column(row, OP));
                rows.add(new Row(key, null, null, null, op, records.size()));
                records.add(membership(key, op));
                continue;
            }
            Map<String, Object> record = record(row);
            String hash = changeDetection ? hash(record) : null;
            boolean unchanged = hash != null && hash.equals(column(row, HASH));
            Object cursor = blank(cursorColumn) ? null : cursor(row);
            Object keyValue = column(row, primaryKeyColumn);
            requireKeepable(cursor, "cursorColumn", cursorColumn);
            requireKeepable(keyValue, "primaryKeyColumn", primaryKeyColumn);
            rows.add(new Row(key, cursor, keyValue, hash, null, unchanged ? -1 : records.size()));
            if (!unchanged) {
                records.add(record);
            }
        }
        exchange.setProperty(PAGE, new Page(rows, rows.size() == pageSize));
        exchange.getMessage().setBody(records);
    }

    /** The cursor as SqlCursorRowMapperFactory read it; the column itself when the rows were mapped otherwise. */
    private Object cursor(Map<String, Object> row) {
        Object copy = column(row, SqlCursorRowMapperFactory.CURSOR);
        return copy != null ? copy : column(row, cursorColumn);
    }

    /**
     * Fails the page before any of its records is sent when a row's position could not be kept: else CleverTap would
     * store the page, the state could not move on, and every poll would send the page again.
     */
    private static void requireKeepable(Object value, String option, String column) {
        try {
            SqlSyncState.encode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("clevertap-sql-source: " + option + " '" + column + "' cannot be the"
                                               + " sync's position: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> record(Map<String, Object> row) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : row.entrySet()) {
            if (entry.getValue() != null && !notProperties.contains(entry.getKey().toLowerCase(Locale.ROOT))) {
                properties.put(entry.getKey(), entry.getValue());
            }
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", type);
        Object identity = column(row, identityColumn());
        if (identity != null) {
            record.put("identity", String.valueOf(identity));
        }
        if (!blank(timestampColumn) && column(row, timestampColumn) != null) {
            record.put("ts", column(row, timestampColumn));
        }
        if (type.equals("event")) {
            record.put("evtName", blank(eventNameColumn) ? eventName : column(row, eventNameColumn));
            record.put("evtData", properties);
        } else {
            record.put("profileData", properties);
        }
        return record;
    }

    private Map<String, Object> membership(String key, String op) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put(ADD.equals(op) ? "$add" : "$remove", List.of(segmentValue));
        Map<String, Object> profileData = new LinkedHashMap<>();
        profileData.put(segmentProperty, change);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", "profile");
        record.put("identity", key);
        record.put("profileData", profileData);
        return record;
    }

    /**
     * Writes what CleverTap answered for, in one transaction: rejected rows with their reason, content hashes,
     * segment members and the new position (after the last row of the page's answered prefix). Rows that got no answer
     * are left to the next poll, and the failure is thrown again for the route's error handler.
     */
    public void acknowledge(Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Page page = exchange.getProperty(PAGE, Page.class);
        // a full page that went through: poll again at once; else wait for the next poll
        exchange.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, page != null && page.full() && failure == null);
        if (page == null || failure != null && !(failure instanceof CleverTapDeliveryException)) {
            // the query failed, or no telling which records CleverTap stored: nothing moves, the page is read again
            exchange.setException(failure);
            return;
        }
        // not answered: undelivered, of unknown outcome, or never read (a stop): the cursor stays before them
        Set<Long> undelivered = new HashSet<>();
        long firstUnread = Long.MAX_VALUE;
        if (failure instanceof CleverTapDeliveryException delivery) {
            for (UndeliveredRecord record : delivery.getUndeliveredRecords()) {
                undelivered.add(record.index());
            }
            for (UndeliveredRecord record : delivery.getUnknownRecords()) {
                undelivered.add(record.index());
            }
            if (delivery.getFirstUnreadIndex() >= 0) {
                firstUnread = delivery.getFirstUnreadIndex();
            }
        }
        List<Row> sent = page.rows().stream().filter(Row::sent).toList();
        List<SqlSyncState.Rejected> rejected = new ArrayList<>();
        List<?> rejections = exchange.getMessage().getHeader(CleverTapConstants.REJECTED_RECORDS, List.class);
        for (Object item : rejections == null ? List.of() : rejections) {
            RejectedRecord rejection = (RejectedRecord) item;
            rejected.add(new SqlSyncState.Rejected(sent.get((int) rejection.index()).key(), rejection.code(),
                    rejection.error(), JSON.writeValueAsString(rejection.record())));
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        List<String> joined = new ArrayList<>();
        List<String> left = new ArrayList<>();
        Row lastOfPrefix = null;
        boolean prefix = true;
        for (Row row : page.rows()) {
            boolean answered = !row.sent()
                               || !undelivered.contains((long) row.sentIndex()) && row.sentIndex() < firstUnread;
            prefix &= answered;
            if (prefix) {
                lastOfPrefix = row;
            }
            if (answered && row.sent()) {
                if (row.hash() != null) {
                    hashes.put(row.key(), row.hash());
                }
                if (row.op() != null) {
                    (ADD.equals(row.op()) ? joined : left).add(row.key());
                }
            }
        }
        SqlSyncState.Position position = null;
        if (!segment()) {
            if (blank(cursorColumn) && prefix && !page.full()) {
                position = SqlSyncState.Position.START; // the pass is complete: the next poll starts another
            } else if (lastOfPrefix != null) {
                position = new SqlSyncState.Position(lastOfPrefix.cursor(), lastOfPrefix.keyValue());
            }
        }
        if (!rejected.isEmpty() || !hashes.isEmpty() || !joined.isEmpty() || !left.isEmpty() || position != null) {
            // with a cursor column the position only moves forward: a late acknowledgement (of a replica that lost
            // leadership while its page was in flight) does not take it back behind the new leader's
            state.apply(new SqlSyncState.Changes(rejected, hashes, joined, left, position, !blank(cursorColumn)));
        }
        if (!page.rows().isEmpty()) {
            // DEBUG for a page with nothing to send: with change detection, every poll re-reads the unchanged rows
            Level level = sent.isEmpty() && rejected.isEmpty() ? Level.DEBUG : Level.INFO;
            // the cursor only: keys may be e-mail addresses
            LOG.atLevel(level).log("SQL sync '{}': {} rows read, {} sent, {} unchanged; {} rejected (in {}), {} "
                                   + "undelivered{}", syncId, page.rows().size(), sent.size(),
                    page.rows().size() - sent.size(), rejected.size(), SqlSyncState.REJECTED_TABLE, undelivered.size(),
                    position == null || position.cursor() == null ? "" : "; cursor at " + position.cursor());
        }
        if (failure != null) {
            exchange.setException(failure);
        }
    }

    private boolean segment() {
        return !blank(segmentProperty) || !blank(segmentValue);
    }

    private String identityColumn() {
        return blank(identityColumn) ? primaryKeyColumn : identityColumn;
    }

    /** A column's value, found as the database spells its label (H2 upper-cases unquoted names). */
    private static Object column(Map<String, Object> row, String column) {
        String name = unquoted(column);
        if (row.containsKey(name)) {
            return row.get(name);
        }
        for (Map.Entry<String, Object> entry : row.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** SHA-256 of the record with its properties in name order, values as text. */
    private static String hash(Map<String, Object> record) throws JsonProcessingException {
        Map<String, Object> canonical = new TreeMap<>();
        record.forEach((key, value) -> canonical.put(key, value instanceof Map<?, ?> map ? canonicalMap(map)
                : canonicalValue(value)));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    JSON.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static Map<String, String> canonicalMap(Map<?, ?> map) {
        Map<String, String> canonical = new TreeMap<>();
        map.forEach((key, value) -> canonical.put(String.valueOf(key), canonicalValue(value)));
        return canonical;
    }

    private static String canonicalValue(Object value) {
        return value instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : String.valueOf(value);
    }

    private static String unquoted(String column) {
        return column.startsWith("\"") ? column.substring(1, column.length() - 1) : column;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void require(boolean condition, String option, String rule) {
        if (!condition) {
            throw new IllegalArgumentException("clevertap-sql-source: " + option + " " + rule);
        }
    }

    private static void requireColumn(String column, String option, boolean required) {
        if (blank(column)) {
            require(!required, option, "must name a column of the query");
            return;
        }
        require(IDENTIFIER.matcher(column).matches(), option,
                "must be a column name (letters, digits and '_', or a double-quoted name), not '" + column + "'");
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void setSyncId(String syncId) {
        this.syncId = syncId;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    public void setType(String type) {
        this.type = type;
    }

    public void setPrimaryKeyColumn(String primaryKeyColumn) {
        this.primaryKeyColumn = primaryKeyColumn;
    }

    public void setIdentityColumn(String identityColumn) {
        this.identityColumn = identityColumn;
    }

    public void setEventName(String eventName) {
        this.eventName = eventName;
    }

    public void setEventNameColumn(String eventNameColumn) {
        this.eventNameColumn = eventNameColumn;
    }

    public void setTimestampColumn(String timestampColumn) {
        this.timestampColumn = timestampColumn;
    }

    public void setCursorColumn(String cursorColumn) {
        this.cursorColumn = cursorColumn;
    }

    public void setChangeDetection(boolean changeDetection) {
        this.changeDetection = changeDetection;
    }

    public void setSegmentProperty(String segmentProperty) {
        this.segmentProperty = segmentProperty;
    }

    public void setSegmentValue(String segmentValue) {
        this.segmentValue = segmentValue;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }
}
