package io.github.camelclevertap.routetemplates;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.main.Main;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static io.github.camelclevertap.routetemplates.SlackSourceTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The Slack source with a cluster namespace: its consumer runs behind `master:` and the ids of the messages sent are
 * kept in a database (Camel's JdbcMessageIdRepository), so the replica that takes the channel over, which has no
 * file of the first one's, does not send the newest message again when camel-slack hands it over at its start.
 */
class SlackSourceClusterTest {

    private static final String ACCOUNT = "ACC-SlackSourceClusterTest";
    private static final String PASSCODE = "pc-slack-cluster-SECRET";

    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension(emulator -> emulator.account(ACCOUNT, PASSCODE));
    @TempDir
    Path firstReplicaState;
    @TempDir
    Path secondReplicaState;
    @TempDir
    Path cluster;
    private final JdbcDataSource database = new JdbcDataSource();
    private SlackStandIn slack;
    private Main main;

    @BeforeEach
    void start() throws Exception {
        database.setURL("jdbc:h2:mem:slack-cluster-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        slack = new SlackStandIn(SlackSourceTest.TOKEN);
    }

    @AfterEach
    void stopAll() {
        stopReplica();
        slack.close();
    }

    @Test
    void theReplicaTakingOverDoesNotSendTheNewestMessageAgain() throws Exception {
        String sent = slack.userMessage("U0761GWKPEU", "sent by the first leader");
        startReplica(firstReplicaState);
        await().atMost(Duration.ofSeconds(15)).until(() -> !EMULATOR.get().storedRecords().isEmpty());
        // CleverTap stores the record before its answer reaches the leader: the handover starts once the leader's
        // exchange has ended (a stop while it waits may hand the message back, and the next leader sends it again)
        await().atMost(Duration.ofSeconds(15)).until(() -> main.getCamelContext().getInflightRepository().size() == 0);
        stopReplica();
        EMULATOR.get().reset();

        int calls = slack.calls().size();
        startReplica(secondReplicaState);
        // the new leader's first read hands the same message over again
        await().atMost(Duration.ofSeconds(15)).until(() -> slack.calls().subList(calls, slack.calls().size()).stream()
                .anyMatch(call -> sent.equals(call.params().get("oldest"))));
        String after = slack.userMessage("U0761H2B7MZ", "posted after the failover");
        await().atMost(Duration.ofSeconds(10)).until(() -> !EMULATOR.get().storedRecords().isEmpty());

        assertThat(EMULATOR.get().storedRecords()).containsExactly(
                event("U0761H2B7MZ", after, "posted after the failover"));
        assertThat(secondReplicaState).isEmptyDirectory();
        // master: logs the consumer it starts: sanitised
        assertThat(Files.readString(Path.of("target/route-templates-test.log")))
                .contains("Consumer started: slack://general").doesNotContain(SlackSourceTest.TOKEN);
    }

    @Test
    void aClusteredSourceWithoutAStateDataSourceDoesNotStart() {
        assertThatThrownBy(() -> SlackReadmeRoute.start(SlackSourceTest.ROUTE, slack, firstReplicaState,
                EMULATOR.get().baseUri().toString(), ACCOUNT, PASSCODE, Map.of("cluster", clusterService()),
                "camel.kamelet.clevertap-slack-source.clusterNamespace", "slack-general"))
                .hasStackTraceContaining("The Slack source with clusterNamespace slack-general needs stateDataSource");
    }

    private void startReplica(Path state) {
        main = SlackReadmeRoute.start(SlackSourceTest.ROUTE, slack, state, EMULATOR.get().baseUri().toString(),
                ACCOUNT, PASSCODE, Map.of("cluster", clusterService(), "slackState", database),
                "camel.kamelet.clevertap-slack-source.clusterNamespace", "slack-general",
                "camel.kamelet.clevertap-slack-source.stateDataSource", "slackState");
    }

    private FileLockClusterService clusterService() {
        FileLockClusterService service = new FileLockClusterService();
        service.setRoot(cluster.toString());
        service.setAcquireLockDelay(100, TimeUnit.MILLISECONDS);
        service.setAcquireLockInterval(200, TimeUnit.MILLISECONDS);
        return service;
    }

    private void stopReplica() {
        if (main != null) {
            main.stop();
            main = null;
        }
    }
}
