package io.github.camelclevertap.routetemplates.review;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import io.github.camelclevertap.component.CleverTapComponent;
import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.main.Main;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of a clustered SQL sync on one database. Replica A leads and has its first page in flight (its
 * CleverTap is slow) when it loses leadership and B wins it. B reads from the state in the database, sends every
 * page and moves the cursor to the last row. Then A's page is answered, and A acknowledges it: the cursor must not go
 * back to A's page, or B's next poll sends again rows CleverTap already answered for (duplicates that no unanswered
 * request explains).
 */
class Promise7SqlHandoverDoesNotMoveTheCursorBackTest {

    @Test
    void rowsAnsweredBeforeTheOldLeadersLateAcknowledgementAreNotSentAgain() throws Exception {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:review13-sql-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE review13_users (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL)");
            for (int i = 1; i <= 30; i++) {
                s.execute("INSERT INTO review13_users VALUES (" + i + ", 'N" + i + "')");
            }
        }
        SwitchableClusterService a = new SwitchableClusterService("replica-a", true);
        SwitchableClusterService b = new SwitchableClusterService("replica-b", false);
        try (CleverTapEmulator slow = FileSourceRun.emulator(); CleverTapEmulator quick = FileSourceRun.emulator()) {
            slow.setLatency(Duration.ofSeconds(3));
            Main runA = start(database, slow, a, "10000");
            Main runB = start(database, quick, b, "3000");
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> slow.stats().inFlight() >= 1);
                a.lead(false);
                b.lead(true);
                // B sends every row, then A's late page is answered and acknowledged
                await().atMost(Duration.ofSeconds(15)).until(() -> quick.storedRecords(FileSourceRun.ACCOUNT).size() >= 30);
                await().atMost(Duration.ofSeconds(15)).until(() -> slow.stats().inFlight() == 0
                        && runA.getCamelContext().getInflightRepository().size() == 0);
                // a new row: once B stored it, B has polled after A's acknowledgement
                try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
                    s.execute("INSERT INTO review13_users VALUES (31, 'N31')");
                }
                await().atMost(Duration.ofSeconds(15)).until(() -> quick.storedRecords(FileSourceRun.ACCOUNT).stream()
                        .anyMatch(r -> "31".equals(String.valueOf(r.get("identity")))));
                await().atMost(Duration.ofSeconds(10)).until(() -> quick.stats().inFlight() == 0
                        && runB.getCamelContext().getInflightRepository().size() == 0);

                Map<String, Long> byB = new TreeMap<>();
                for (Map<String, Object> r : quick.storedRecords(FileSourceRun.ACCOUNT)) {
                    byB.merge(String.valueOf(r.get("identity")), 1L, Long::sum);
                }
                assertThat(byB).as("rows the new leader sent, by id: each once").hasSize(31);
                assertThat(byB.values()).as("rows the new leader sent twice: " + byB).containsOnly(1L);
            } finally {
                runB.stop();
                runA.stop();
            }
        }
    }

    private static Main start(JdbcDataSource database, CleverTapEmulator emulator, CamelClusterService cluster,
                              String requestTimeout) {
        Main main = new Main();
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:routes/review13-sql-cluster.yaml");
        main.addInitialProperty("camel.main.shutdown-timeout", "10");
        CleverTapComponent clevertap = new CleverTapComponent();
        clevertap.getConfiguration().setPasscode(FileSourceRun.PASSCODE);
        main.bind("clevertap", clevertap);
        main.bind("cluster", cluster);
        main.bind("dataSource", database);
        main.addInitialProperty("clevertap.account-id", FileSourceRun.ACCOUNT);
        main.addInitialProperty("clevertap.passcode", FileSourceRun.PASSCODE);
        main.addInitialProperty("clevertap.base-uri", emulator.baseUri().toString());
        main.addInitialProperty("camel.component.clevertap.requestTimeout", requestTimeout);
        main.start();
        return main;
    }
}
