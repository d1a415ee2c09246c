package io.github.camelclevertap.routetemplates.review;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.camel.main.Main;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kamelet page: "The state lives in four tables, created on the first poll (create them yourself if the user may
 * not)". On PostgreSQL (15 and later: no CREATE on schema public for other users by default) the DBA runs the page's
 * DDL, and grants the sync's user SELECT on the model and read/write on the four tables. The sync still runs its
 * `CREATE TABLE IF NOT EXISTS` on the first poll, which PostgreSQL refuses ("permission denied for schema public")
 * although the tables exist: every poll fails, no row is ever uploaded.
 */
class SqlStateTablesCreatedByTheDbaServeAUserWithoutCreateTest {

    private static final String[] STATE_TABLES = {
        "clevertap_sync_cursor", "clevertap_sync_hash", "clevertap_sync_member", "clevertap_sync_rejected" };

    @Test
    void aUserThatMayNotCreateTablesSyncsIntoTablesCreatedForIt() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1")
                .start(); CleverTapEmulator emulator = FileSourceRun.emulator()) {
            DataSource owner = postgres.getPostgresDatabase();
            try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE review20_users (id INTEGER PRIMARY KEY, name TEXT, updated_at TIMESTAMPTZ)");
                s.execute("INSERT INTO review20_users VALUES (1, 'Ann', now()), (2, 'Bob', now())");
                // the Kamelet page's DDL, run by the DBA
                s.execute("CREATE TABLE IF NOT EXISTS clevertap_sync_cursor (sync_id VARCHAR(200) NOT NULL PRIMARY KEY,"
                          + " cursor_value VARCHAR(512), cursor_type VARCHAR(20), key_value VARCHAR(512),"
                          + " key_type VARCHAR(20), updated_at TIMESTAMP NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS clevertap_sync_hash (sync_id VARCHAR(200) NOT NULL,"
                          + " row_key VARCHAR(512) NOT NULL, content_hash VARCHAR(64) NOT NULL,"
                          + " PRIMARY KEY (sync_id, row_key))");
                s.execute("CREATE TABLE IF NOT EXISTS clevertap_sync_member (sync_id VARCHAR(200) NOT NULL,"
                          + " member_key VARCHAR(512) NOT NULL, PRIMARY KEY (sync_id, member_key))");
                s.execute("CREATE TABLE IF NOT EXISTS clevertap_sync_rejected (sync_id VARCHAR(200) NOT NULL,"
                          + " row_key VARCHAR(512), code INTEGER NOT NULL, error VARCHAR(4000) NOT NULL,"
                          + " record VARCHAR(1000000), rejected_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)");
                s.execute("CREATE ROLE syncer LOGIN PASSWORD 'syncer'");
                s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
                s.execute("GRANT SELECT ON review20_users TO syncer");
                for (String table : STATE_TABLES) {
                    s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON " + table + " TO syncer");
                }
            }
            PGSimpleDataSource syncer = new PGSimpleDataSource();
            syncer.setUrl("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
            syncer.setUser("syncer");
            syncer.setPassword("syncer");

            Main main = ReviewSqlRun.start(syncer, emulator, "review20-no-ddl");
            try {
                try {
                    await().atMost(Duration.ofSeconds(8)).until(() -> ReviewSqlRun.identities(emulator).size() >= 2);
                } catch (ConditionTimeoutException notUploaded) {
                    // the assertion below fails; say why: what the sync's first poll runs, run as its user
                }
                assertThat(ReviewSqlRun.identities(emulator)).as("rows uploaded by a user without CREATE (the"
                        + " sync's DDL as that user: " + ddlAs(syncer) + ")").containsExactly("1", "2");
            } finally {
                main.stop();
            }
        }
    }

    private static String ddlAs(DataSource user) {
        try (Connection c = user.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS clevertap_sync_member (sync_id VARCHAR(200) NOT NULL,"
                      + " member_key VARCHAR(512) NOT NULL, PRIMARY KEY (sync_id, member_key))");
            return "ran";
        } catch (java.sql.SQLException e) {
            return e.getMessage();
        }
    }
}
