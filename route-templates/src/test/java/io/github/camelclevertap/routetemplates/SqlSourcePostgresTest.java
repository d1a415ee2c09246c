package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SQL source's behaviour on a real PostgreSQL, started once for the class on loopback; and the Kamelet page's route,
 * with the DataSource configured by properties as the Kamelet page shows.
 */
class SqlSourcePostgresTest extends SqlSourceTest {

    private static final String README_ROUTE = "routes/crm-users-to-clevertap.yaml";
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
        dataSource = postgres.getPostgresDatabase();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theReadmeRouteSyncsChangedUsersAndResumesAfterARestart() throws Exception {
        sql("DROP TABLE IF EXISTS crm_users",
                "CREATE TABLE crm_users (user_id BIGINT PRIMARY KEY, full_name TEXT, email TEXT, plan TEXT,"
                                              + " updated_at TIMESTAMPTZ NOT NULL, deleted_at TIMESTAMPTZ)",
                "INSERT INTO crm_users VALUES (1717, 'John D', 'john@example.com', 'pro', now(), NULL)",
                "INSERT INTO crm_users VALUES (1718, 'Jane D', 'jane@example.com', 'free', now(), NULL)",
                "INSERT INTO crm_users VALUES (1719, 'Gone D', 'gone@example.com', 'free', now(), now())");

        startReadmeRoute();
        await().atMost(Duration.ofSeconds(30)).until(() -> EMULATOR.get().storedRecords(ACCOUNT).size() == 2);
        assertThat(EMULATOR.get().storedRecords(ACCOUNT)).containsExactlyInAnyOrder(
                Map.of("type", "profile", "identity", "1717", "profileData",
                        Map.of("Name", "John D", "Email", "john@example.com", "Plan", "pro")),
                Map.of("type", "profile", "identity", "1718", "profileData",
                        Map.of("Name", "Jane D", "Email", "jane@example.com", "Plan", "free")));
        await().atMost(Duration.ofSeconds(30)).until(() -> position("crm-users").size() == 2);
        stopCamel();

        // a touched row whose mapped columns did not change is not sent again; a changed one is, after a restart
        sql("UPDATE crm_users SET updated_at = now() WHERE user_id = 1717",
                "UPDATE crm_users SET plan = 'pro', updated_at = now() WHERE user_id = 1718");
        startReadmeRoute();
        await().atMost(Duration.ofSeconds(30)).until(() -> EMULATOR.get().storedRecords(ACCOUNT).size() == 3);
        assertThat(EMULATOR.get().storedRecords(ACCOUNT).get(2)).isEqualTo(Map.of("type", "profile",
                "identity", "1718", "profileData", Map.of("Name", "Jane D", "Email", "jane@example.com", "Plan", "pro")));
        await().atMost(Duration.ofSeconds(30)).until(() -> position("crm-users").get(1).equals("1718"));
        assertThat(EMULATOR.get().storedRecords(ACCOUNT)).hasSize(3);
    }

    @Test
    void theKameletPageShowsThisRoute() throws Exception {
        String readme = Files.readString(Path.of("docs/clevertap-sql-source.md"));
        String route = new String(getClass().getClassLoader().getResourceAsStream(README_ROUTE).readAllBytes());

        assertThat(readme).contains("```yaml\n" + route + "```");
    }

    /** The Kamelet page's route, its DataSource made from properties as the Kamelet page's `application.properties` does. */
    private static void startReadmeRoute() {
        newMain(README_ROUTE, "crm-users-to-clevertap");
        main.addInitialProperty("camel.beans.dataSource", "#class:org.postgresql.ds.PGSimpleDataSource");
        main.addInitialProperty("camel.beans.dataSource.url", "jdbc:postgresql://127.0.0.1:" + postgres.getPort()
                                                              + "/postgres");
        main.addInitialProperty("camel.beans.dataSource.user", "postgres");
        main.start();
    }
}
