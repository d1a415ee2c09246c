package io.github.camelclevertap.routetemplates.review;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.apache.camel.main.Main;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cursor column whose type the sync cannot keep (a binary row version, as SQL Server's rowversion): the page is
 * read and sent, CleverTap stores it, and only then does the acknowledgement fail ("a [B cannot be kept as a
 * cursor"), so the cursor never moves and every poll sends the same rows again, without bound. The promise: bad input
 * gets a clear error naming the option and the rule (here: before anything is sent), and no duplicates beyond the
 * documented ones.
 */
class SqlCursorColumnOfAnUnkeepableTypeFailsBeforeSendingTest {

    @Test
    void aCursorColumnThatCannotBeKeptIsRefusedBeforeItsRowsAreSentAgainAndAgain() throws Exception {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:review20-binary-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE review20_versioned (id INTEGER PRIMARY KEY, name VARCHAR(20),"
                      + " row_version BINARY(8) NOT NULL)");
            s.execute("INSERT INTO review20_versioned VALUES (1, 'Ann', X'0000000000000001')");
            s.execute("INSERT INTO review20_versioned VALUES (2, 'Bob', X'0000000000000002')");
        }
        try (CleverTapEmulator emulator = FileSourceRun.emulator()) {
            Main main;
            try {
                main = ReviewSqlRun.start(database, emulator, "review20-binary-cursor");
            } catch (RuntimeException refused) {
                // refusing the route at its start is a fix too, if the error names the option
                assertThat(String.valueOf(refused.getMessage()) + String.valueOf(refused.getCause()))
                        .contains("cursorColumn");
                return;
            }
            try {
                // either the position is kept, or the same rows come back: stop at the first of the two
                await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> positionKept(database)
                        || emulator.storedRecords(FileSourceRun.ACCOUNT).size() > 2);
                assertThat(ReviewSqlRun.identities(emulator))
                        .as("rows CleverTap stored: each once, not again on every poll").containsExactly("1", "2");
            } finally {
                main.stop();
            }
        }
    }

    private static boolean positionKept(JdbcDataSource database) throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM clevertap_sync_cursor"
                                          + " WHERE sync_id = 'review20-binary-cursor'")) {
            return r.next() && r.getInt(1) > 0;
        }
    }
}
