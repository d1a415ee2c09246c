package io.github.camelclevertap.routetemplates.review;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.TimeZone;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.apache.camel.main.Main;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.util.DateTimeUtils;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cursor column of type TIMESTAMP (without time zone) holding UTC times, as warehouses often do, read by a JVM whose
 * default time zone has daylight saving (America/New_York). 2026-03-08 02:20 and 02:40 do not exist in New York: the
 * JDBC driver hands them over as java.sql.Timestamp 03:20 and 03:40. The position kept after the 02:20 row is
 * "2026-03-08 03:20:00.0" (Timestamp.toString), so the next page's `updated_at >= 03:20` leaves out the 02:40 row:
 * it is never uploaded, although it comes after the position in the page order.
 */
class SqlCursorTimestampInTheJvmsDaylightSavingGapIsNotSkippedTest {

    @Test
    void everyRowIsUploadedWhenTheCursorFallsInADaylightSavingGap() throws Exception {
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        DateTimeUtils.resetCalendar();
        try (CleverTapEmulator emulator = FileSourceRun.emulator()) {
            JdbcDataSource database = new JdbcDataSource();
            database.setURL("jdbc:h2:mem:review20-dst-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE review20_dst (id INTEGER PRIMARY KEY, name VARCHAR(20), updated_at TIMESTAMP)");
                s.execute("INSERT INTO review20_dst VALUES (1, 'Ann', TIMESTAMP '2026-03-08 02:20:00')");
                s.execute("INSERT INTO review20_dst VALUES (2, 'Bob', TIMESTAMP '2026-03-08 02:40:00')");
                s.execute("INSERT INTO review20_dst VALUES (3, 'Cy', TIMESTAMP '2026-03-08 04:00:00')");
            }
            Main main = ReviewSqlRun.start(database, emulator, "review20-dst");
            try {
                // Cy comes after Bob in the page order: once Cy is stored, Bob's turn has passed
                await().atMost(Duration.ofSeconds(20)).until(() -> ReviewSqlRun.identities(emulator).contains("3"));
                List<String> identities = ReviewSqlRun.identities(emulator);
                assertThat(identities).as("rows uploaded, in order").containsExactly("1", "2", "3");
            } finally {
                main.stop();
            }
        } finally {
            TimeZone.setDefault(original);
            DateTimeUtils.resetCalendar();
        }
    }
}
