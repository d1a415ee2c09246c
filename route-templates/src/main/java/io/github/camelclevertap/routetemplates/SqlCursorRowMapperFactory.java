package io.github.camelclevertap.routetemplates;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Locale;

import org.apache.camel.component.sql.DefaultRowMapperFactory;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.RowMapper;

/**
 * camel-sql's row maps for the SQL source's page query, with the position column ({@link #CURSOR}) read as the
 * database holds it. A `TIMESTAMP` (or `DATE`) read the default way is a java.sql.Timestamp of the JVM's time zone,
 * and a wall-clock time in that zone's daylight-saving gap comes back an hour later: kept so, the next page would skip
 * the rows in between. So `TIMESTAMP` is read as a LocalDateTime, `DATE` as a LocalDate and a timestamp with time
 * zone as an OffsetDateTime (an instant: no gap, no overlap); they bind back as the same types. The other columns
 * keep camel-sql's default, so the records sent (and their content hashes) do not change.
 */
public class SqlCursorRowMapperFactory extends DefaultRowMapperFactory {

    /** The label of the page query's copy of the cursor column. */
    static final String CURSOR = "clevertap_cursor";

    @Override
    public RowMapper<?> newColumnRowMapper() {
        return new ColumnMapRowMapper() {
            @Override
            protected Object getColumnValue(ResultSet rs, int index) throws SQLException {
                ResultSetMetaData metaData = rs.getMetaData();
                if (!CURSOR.equalsIgnoreCase(metaData.getColumnLabel(index))) {
                    return super.getColumnValue(rs, index);
                }
                return switch (metaData.getColumnType(index)) {
                    case Types.TIMESTAMP_WITH_TIMEZONE -> rs.getObject(index, OffsetDateTime.class);
                    // PostgreSQL's JDBC driver types timestamptz as TIMESTAMP: its type name tells them apart
                    case Types.TIMESTAMP -> withTimeZone(metaData.getColumnTypeName(index))
                            ? rs.getObject(index, OffsetDateTime.class) : rs.getObject(index, LocalDateTime.class);
                    case Types.DATE -> rs.getObject(index, LocalDate.class);
                    default -> super.getColumnValue(rs, index);
                };
            }
        };
    }

    private static boolean withTimeZone(String typeName) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        return name.equals("timestamptz") || name.contains("with time zone");
    }
}
