package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

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
        // a binary row version is kept as hexadecimal; a boolean orders nothing and cannot be a cursor
        assertThat((byte[]) SqlSyncState.decode("00ff", SqlSyncState.encode(new byte[] { 0, -1 })[1], "c"))
                .containsExactly(0, -1);
        assertThatThrownBy(() -> SqlSyncState.encode(Boolean.TRUE)).hasMessageContaining("cannot be kept as a"
                                                                                          + " cursor");
    }

    @Test
    void aPageWhosePositionCannotBeKeptFailsBeforeItsRecordsAreSent() throws Exception {
        SqlSync sync = sync();
        sync.setCursorColumn("active");
        sync.init();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Exchange page = new DefaultExchange(camel);
            page.getMessage().setBody(List.of(Map.of("user_id", 1, "name", "Ann", "active", true,
                    "clevertap_key", "1")));

            assertThatThrownBy(() -> sync.records(page)).hasMessageContaining("cursorColumn 'active' cannot be the"
                                                                               + " sync's position: a java.lang.Boolean"
                                                                               + " cannot be kept as a cursor");
            assertThat(page.getMessage().getBody()).as("the body is still the page's rows: no records were made")
                    .asList().first().isInstanceOf(Map.class).extracting("clevertap_key").isEqualTo("1");
        }
    }

    @Test
    void aCursorThatCannotBeComparedIsWrittenWhateverItsKey() {
        SqlSyncState.Position stored = new SqlSyncState.Position("a", 5L);

        assertThat(SqlSyncState.isBehind(new SqlSyncState.Position("b", 3L), stored)).isFalse();
        assertThat(SqlSyncState.isBehind(new SqlSyncState.Position(42L, 1L), new SqlSyncState.Position(43L, 0L)))
                .isTrue();
        assertThat(SqlSyncState.isBehind(new SqlSyncState.Position("a", 4L), stored)).isTrue();
        // a wall-clock position after one an earlier version kept as a Timestamp: written, whatever the key
        assertThat(SqlSyncState.isBehind(new SqlSyncState.Position(java.time.LocalDateTime.parse("2026-11-01T10:00"),
                1L), new SqlSyncState.Position(Timestamp.valueOf("2026-11-01 09:00:00"), 2L))).isFalse();
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
