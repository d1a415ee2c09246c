package io.github.camelclevertap.routetemplates;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.github.camelclevertap.emulator.Fault;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * `kamelet:clevertap-sql-source` → `kamelet:clevertap-sink` run by Camel Main against the emulator, on a real
 * database given by the subclass (PostgreSQL, H2): the records CleverTap stores, and the sync's state tables, after
 * paging by cursor, change detection, rejected and undelivered rows, events and segment membership. Each test creates
 * its tables, then runs Camel Main with the one route it needs from `routes/clevertap-sql-source.yaml`.
 */
abstract class SqlSourceTest {

    static final String ACCOUNT = "ACC-SqlSourceTest";
    static final String PASSCODE = "pc-sql-SECRET";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension(emulator -> emulator.account(ACCOUNT, PASSCODE));
    /** The database under test, set by the subclass. */
    static DataSource dataSource;
    static Main main;

    /**
     * Starts Camel Main with one route of a YAML file (only that sync polls), the database bound as `dataSource`.
     */
    static void startCamel(String routes, String routeId) {
        main = newMain(routes, routeId);
        main.bind("dataSource", dataSource);
        main.start();
    }

    /** Camel Main with one route of a YAML file and the emulator's account, not started. */
    static Main newMain(String routes, String routeId) {
        main = new Main();
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:" + routes);
        // the Kamelets' routes too, named after their Kamelet
        main.addInitialProperty("camel.main.route-filter-include-pattern", routeId + ",clevertap-*");
        main.addInitialProperty("clevertap.region", "eu1");
        main.addInitialProperty("clevertap.account-id", ACCOUNT);
        main.addInitialProperty("clevertap.passcode", PASSCODE);
        main.addInitialProperty("clevertap.base-uri", EMULATOR.get().baseUri().toString());
        return main;
    }

    static void start(String routeId) {
        startCamel("routes/clevertap-sql-source.yaml", routeId);
    }

    @AfterEach
    void stopCamel() {
        if (main != null) {
            main.stop();
            main = null;
        }
    }

    @Test
    void rowsBecomeProfilesPageByPageAndTheCursorMovesPastRejectedRows() throws Exception {
        sql("DROP TABLE IF EXISTS users",
                "CREATE TABLE users (user_id INTEGER PRIMARY KEY, full_name VARCHAR(100), email VARCHAR(100),"
                                          + " signed_up TIMESTAMP WITH TIME ZONE, vip BOOLEAN, updated_at TIMESTAMP)",
                "INSERT INTO users VALUES (1, 'Ann', 'ann@example.com', TIMESTAMP WITH TIME ZONE"
                                          + " '2026-01-02 03:04:05+00', TRUE, TIMESTAMP '2026-11-01 10:00:00')",
                // 2 and 3 share an update time, across the boundary of two-row pages: neither is skipped
                "INSERT INTO users VALUES (2, 'Bob', NULL, NULL, FALSE, TIMESTAMP '2026-11-01 10:00:01')",
                "INSERT INTO users VALUES (3, 'Cy', 'cy@example.com', NULL, NULL, TIMESTAMP '2026-11-01 10:00:01')",
                "INSERT INTO users VALUES (4, 'Dee', 'not-an-email', NULL, NULL, TIMESTAMP '2026-11-01 10:00:02')",
                "INSERT INTO users VALUES (5, 'Eve', 'eve@example.com', NULL, NULL, NULL)");

        start("users-by-cursor");
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> position("users-by-cursor").equals(List.of("2026-11-01T10:00:02", "4")));

        assertThat(EMULATOR.get().storedRecords(ACCOUNT)).containsExactly(
                Map.of("type", "profile", "identity", "1", "profileData", Map.of("Name", "Ann",
                        "Email", "ann@example.com", "Signed Up", date("2026-01-02T03:04:05Z"), "VIP", true)),
                Map.of("type", "profile", "identity", "2", "profileData", Map.of("Name", "Bob", "VIP", false)),
                Map.of("type", "profile", "identity", "3", "profileData", Map.of("Name", "Cy",
                        "Email", "cy@example.com")));
        List<List<String>> rejected = rows("SELECT row_key, code, error, record FROM clevertap_sync_rejected"
                                           + " WHERE sync_id = 'users-by-cursor'");
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).subList(0, 2)).containsExactly("4", "515");
        assertThat(rejected.get(0).get(2)).contains("Email").contains("profileData.Email");
        assertThat(rejected.get(0).get(3)).contains("\"identity\":\"4\"").contains("not-an-email");

        // an update moves the row after the position: it is sent again, and only it
        sql("UPDATE users SET full_name = 'Bobby', updated_at = TIMESTAMP '2026-11-01 10:00:03' WHERE user_id = 2");
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> EMULATOR.get().storedRecords(ACCOUNT).size() == 4);
        assertThat(EMULATOR.get().storedRecords(ACCOUNT).get(3)).isEqualTo(
                Map.of("type", "profile", "identity", "2", "profileData", Map.of("Name", "Bobby", "VIP", false)));
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> position("users-by-cursor").equals(List.of("2026-11-01T10:00:03", "2")));
    }

    @Test
    void undeliveredRowsAreReadAgainAndTheCursorStaysBeforeThem() throws Exception {
        sql("DROP TABLE IF EXISTS users",
                "CREATE TABLE users (user_id INTEGER PRIMARY KEY, full_name VARCHAR(100), updated_at TIMESTAMP)",
                "INSERT INTO users VALUES (1, 'Ann', TIMESTAMP '2026-11-01 10:00:00')",
                "INSERT INTO users VALUES (2, 'Bob', TIMESTAMP '2026-11-01 10:00:01')",
                "INSERT INTO users VALUES (3, 'Cy', TIMESTAMP '2026-11-01 10:00:02')");
        // one record per request, no retries: Bob's request fails, Ann's and Cy's are stored
        EMULATOR.get().faults().enqueue(Fault.none(), Fault.status(503));

        start("users-one-by-one");
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> EMULATOR.get().storedRecords(ACCOUNT).size() == 2);
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> !position("users-one-by-one").isEmpty());
        // until the next poll (2 s later) the cursor stays after Ann: Cy was stored, but Bob comes first
        assertThat(position("users-one-by-one")).containsExactly("2026-11-01T10:00", "1");
        assertThat(identities()).containsExactly("1", "3");

        await().atMost(TIMEOUT).ignoreExceptions().until(() -> position("users-one-by-one").equals(List.of("2026-11-01T10:00:02", "3")));
        // Bob again; Cy not, for change detection knows CleverTap answered for its record
        assertThat(identities()).containsExactly("1", "3", "2");
        assertThat(rows("SELECT row_key FROM clevertap_sync_hash WHERE sync_id = 'users-one-by-one'"
                        + " ORDER BY row_key")).containsExactly(List.of("1"), List.of("2"), List.of("3"));
        assertThat(rows("SELECT * FROM clevertap_sync_rejected WHERE sync_id = 'users-one-by-one'")).isEmpty();
    }

    @Test
    void aPositionKeptByAnEarlierVersionStillLoadsAndIsThenKeptTheNewWay() throws Exception {
        sql("DROP TABLE IF EXISTS users",
                "CREATE TABLE users (user_id INTEGER PRIMARY KEY, full_name VARCHAR(100), updated_at TIMESTAMP)",
                "INSERT INTO users VALUES (1, 'Ann', TIMESTAMP '2026-11-01 10:00:00')",
                "INSERT INTO users VALUES (2, 'Bob', TIMESTAMP '2026-11-01 10:00:01')",
                "INSERT INTO users VALUES (3, 'Cy', TIMESTAMP '2026-11-01 10:00:01')");
        new SqlSyncState(dataSource, "users-upgraded").createTables();
        // the position after Bob, as the version before the wall-clock cursor kept it
        sql("DELETE FROM clevertap_sync_cursor WHERE sync_id = 'users-upgraded'",
                "INSERT INTO clevertap_sync_cursor VALUES ('users-upgraded', '2026-11-01 10:00:01.0', 'timestamp',"
                                          + " '2', 'long', CURRENT_TIMESTAMP)");

        start("users-upgraded");
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> position("users-upgraded").equals(List.of("2026-11-01T10:00:01", "3")));
        assertThat(identities()).containsExactly("3");
    }

    @Test
    void changeDetectionSendsOnlyTheRowsThatChangedOnEachPass() throws Exception {
        sql("DROP TABLE IF EXISTS accounts",
                "CREATE TABLE accounts (account_id VARCHAR(20) PRIMARY KEY, company VARCHAR(100), tier VARCHAR(20))",
                "INSERT INTO accounts VALUES ('A-1', 'Acme', 'gold')",
                "INSERT INTO accounts VALUES ('A-2', 'Globex', 'silver')",
                "INSERT INTO accounts VALUES ('A-3', 'Initech', NULL)");

        start("accounts-by-change");
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> EMULATOR.get().storedRecords(ACCOUNT).size() == 3);
        sql("UPDATE accounts SET tier = 'gold' WHERE account_id = 'A-2'");
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> EMULATOR.get().storedRecords(ACCOUNT).size() == 4);
        Timestamp changed = Timestamp.from(Instant.now());
        // two more complete passes over the model, which find nothing new
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> passCompletedAfter("accounts-by-change", changed));
        Timestamp passed = Timestamp.from(Instant.now());
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> passCompletedAfter("accounts-by-change", passed));

        assertThat(EMULATOR.get().storedRecords(ACCOUNT)).containsExactly(
                Map.of("type", "profile", "identity", "A-1", "profileData", Map.of("Company", "Acme", "Tier", "gold")),
                Map.of("type", "profile", "identity", "A-2", "profileData",
                        Map.of("Company", "Globex", "Tier", "silver")),
                Map.of("type", "profile", "identity", "A-3", "profileData", Map.of("Company", "Initech")),
                Map.of("type", "profile", "identity", "A-2", "profileData", Map.of("Company", "Globex", "Tier", "gold")));
    }

    @Test
    void ordersBecomeChargedEventsOfTheirCustomerAtTheirTime() throws Exception {
        sql("DROP TABLE IF EXISTS orders",
                "CREATE TABLE orders (order_id BIGINT PRIMARY KEY, customer_id VARCHAR(20), amount DECIMAL(10, 2),"
                                           + " currency VARCHAR(3), ordered_at TIMESTAMP WITH TIME ZONE,"
                                           + " status VARCHAR(20))",
                "INSERT INTO orders VALUES (101, 'c-1', 129.99, 'USD', TIMESTAMP WITH TIME ZONE"
                                           + " '2026-03-04 05:06:07+00', 'paid')",
                "INSERT INTO orders VALUES (102, 'c-1', 10.00, 'USD', TIMESTAMP WITH TIME ZONE"
                                           + " '2026-03-04 06:00:00+00', 'cancelled')",
                "INSERT INTO orders VALUES (103, 'c-2', 5.50, 'EUR', TIMESTAMP WITH TIME ZONE"
                                           + " '2026-03-05 00:00:00+01', 'paid')");

        start("orders-as-events");
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> EMULATOR.get().storedRecords(ACCOUNT).size() == 2);
        sql("INSERT INTO orders VALUES (104, 'c-3', 1.00, 'EUR', NULL, 'paid')");
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> EMULATOR.get().storedRecords(ACCOUNT).size() == 3);

        assertThat(EMULATOR.get().storedRecords(ACCOUNT)).containsExactly(
                Map.of("type", "event", "identity", "c-1", "ts", epoch("2026-03-04T05:06:07Z"), "evtName", "Charged",
                        "evtData", Map.of("Charged ID", 101, "Amount", 129.99, "Currency", "USD")),
                Map.of("type", "event", "identity", "c-2", "ts", epoch("2026-03-04T23:00:00Z"), "evtName", "Charged",
                        "evtData", Map.of("Charged ID", 103, "Amount", 5.5, "Currency", "EUR")),
                Map.of("type", "event", "identity", "c-3", "evtName", "Charged",
                        "evtData", Map.of("Charged ID", 104, "Amount", 1.0, "Currency", "EUR")));
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> position("orders-as-events").equals(List.of("104", "104")));
    }

    @Test
    void rowsEnteringAndLeavingASegmentAddAndRemoveItsValue() throws Exception {
        sql("DROP TABLE IF EXISTS customers",
                "CREATE TABLE customers (customer_id VARCHAR(20) PRIMARY KEY, lifetime_value INTEGER)",
                "INSERT INTO customers VALUES ('c-1', 1500)",
                "INSERT INTO customers VALUES ('c-2', 200)",
                "INSERT INTO customers VALUES ('c-3', 1000)");

        start("high-value-segment");
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> members("high-value-segment").equals(List.of("c-1", "c-3")));
        sql("UPDATE customers SET lifetime_value = 100 WHERE customer_id = 'c-1'",
                "UPDATE customers SET lifetime_value = 5000 WHERE customer_id = 'c-2'");
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> EMULATOR.get().storedRecords(ACCOUNT).size() == 4);
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> members("high-value-segment").equals(List.of("c-2", "c-3")));

        assertThat(EMULATOR.get().storedRecords(ACCOUNT)).containsExactly(
                segment("c-1", "$add"), segment("c-3", "$add"), segment("c-1", "$remove"), segment("c-2", "$add"));
    }

    private static Map<String, Object> segment(String identity, String operation) {
        return Map.of("type", "profile", "identity", identity,
                "profileData", Map.of("Segments", Map.of(operation, List.of("High Value"))));
    }

    static List<String> identities() {
        return EMULATOR.get().storedRecords(ACCOUNT).stream().map(r -> (String) r.get("identity")).toList();
    }

    /** The stored cursor value and key of a sync, empty before its first acknowledged page. */
    static List<String> position(String syncId) throws SQLException {
        List<List<String>> rows = rows("SELECT cursor_value, key_value FROM clevertap_sync_cursor WHERE sync_id = '"
                                       + syncId + "'");
        return rows.isEmpty() ? List.of() : rows.get(0);
    }

    private static List<String> members(String syncId) throws SQLException {
        return rows("SELECT member_key FROM clevertap_sync_member WHERE sync_id = '" + syncId
                    + "' ORDER BY member_key").stream().map(row -> row.get(0)).toList();
    }

    private static boolean passCompletedAfter(String syncId, Timestamp time) throws SQLException {
        List<List<String>> rows = rows("SELECT key_value, updated_at FROM clevertap_sync_cursor WHERE sync_id = '"
                                       + syncId + "'");
        return !rows.isEmpty() && rows.get(0).get(0) == null && Timestamp.valueOf(rows.get(0).get(1)).after(time);
    }

    static void sql(String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The rows of a query, every column as text. */
    static List<List<String>> rows(String query) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static String date(String instant) {
        return "$D_" + epoch(instant);
    }

    static int epoch(String instant) {
        return (int) Instant.parse(instant).getEpochSecond();
    }
}
