package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the end-to-end tests do not show: a wrong sync fails when its route starts, naming the option, and the
 * the Kamelet page's DDL is the one the sync runs.
 */
class SqlSyncTest {

    @Test
    void aSyncWithoutAWayToBeIncrementalFailsNamingTheOptions() {
        SqlSync sync = sync();
        sync.setChangeDetection(false);

        assertThatThrownBy(sync::init).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clevertap-sql-source: cursorColumn or changeDetection must be set, else every poll would"
                            + " send every row again");
    }

    @Test
    void eventsNeedAName() {
        SqlSync sync = sync();
        sync.setType("event");

        assertThatThrownBy(sync::init).hasMessage("clevertap-sql-source: eventName or eventNameColumn must be set for"
                                                  + " events");
    }

    @Test
    void aColumnOptionMustBeAColumnName() {
        SqlSync sync = sync();
        sync.setCursorColumn("updated_at; DROP TABLE users");

        assertThatThrownBy(sync::init).hasMessageStartingWith("clevertap-sql-source: cursorColumn must be a column"
                                                              + " name");
    }

    @Test
    void aSegmentIsOfProfilesAndHasNoCursor() {
        SqlSync sync = sync();
        sync.setSegmentProperty("Segments");
        sync.setSegmentValue("VIP");
        sync.setChangeDetection(false);
        sync.setCursorColumn("updated_at");

        assertThatThrownBy(sync::init).hasMessageContaining("cursorColumn and changeDetection do not apply to a"
                                                            + " segment");
    }

    @Test
    void aCursorValueKeepsItsType() {
        for (Object value : new Object[] {
                42L, new BigDecimal("12.50"), Timestamp.valueOf("2026-11-01 10:00:00.123456"),
                Date.valueOf("2026-11-01"), OffsetDateTime.parse("2026-11-01T10:00:00+02:00"),
                UUID.fromString("6f1c1e4e-4b7a-4c55-9d1e-2f3a4b5c6d7e"), "A-1" }) {
            String[] stored = SqlSyncState.encode(value);
            assertThat(SqlSyncState.decode(stored[0], stored[1], "c")).isEqualTo(value);
        }
        assertThat(SqlSyncState.decode(SqlSyncState.encode(7)[0], "long", "c")).isEqualTo(7L);
        assertThatThrownBy(() -> SqlSyncState.encode(new byte[] { 1 })).hasMessageContaining("cannot be kept as a"
                                                                                            + " cursor");
    }

    @Test
    void theKameletPageShowsTheStateTables() throws IOException {
        String readme = Files.readString(Path.of("docs/clevertap-sql-source.md")).replaceAll("\\s+", " ");

        for (String ddl : SqlSyncState.DDL) {
            assertThat(readme).contains(ddl + ";");
        }
    }

    private static SqlSync sync() {
        SqlSync sync = new SqlSync();
        sync.setDataSource(new JdbcDataSource());
        sync.setSyncId("users");
        sync.setQuery("SELECT user_id, name FROM users");
        sync.setPrimaryKeyColumn("user_id");
        sync.setChangeDetection(true);
        return sync;
    }
}
