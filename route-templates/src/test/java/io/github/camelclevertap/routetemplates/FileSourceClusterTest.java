package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Route;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.master.MasterEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The file source with a cluster namespace: its `file:` consumer runs behind Camel's `master:` component, elected by
 * the `CamelClusterService` in the registry (camel-file's FileLockClusterService here), and resumes the file a previous
 * leader left in progress when it becomes the leader. Failover between JVMs is in camel-clevertap-redis'
 * `ReplicasShareOneInboxTest`.
 */
class FileSourceClusterTest {

    private static final String ACCOUNT = "ACC-FileSourceClusterTest";
    private static final String PASSCODE = "pc-cluster";

    @TempDir
    static Path inbox;
    @TempDir
    static Path staging;
    @TempDir
    static Path cluster;

    @RegisterExtension
    static final CamelMainRunner CAMEL = CamelMainRunner.routes("routes/clevertap-file-cluster.yaml", ACCOUNT, PASSCODE)
            .property("inbox", FileSourceClusterTest::inboxWithAFileLeftInProgress)
            .bean("cluster", FileSourceClusterTest::clusterService);

    /** Camel's file-lock cluster service, quick to elect (the default waits a second, then looks every ten). */
    private static FileLockClusterService clusterService() {
        FileLockClusterService service = new FileLockClusterService();
        service.setRoot(cluster.toString());
        service.setAcquireLockDelay(100, TimeUnit.MILLISECONDS);
        service.setAcquireLockInterval(200, TimeUnit.MILLISECONDS);
        return service;
    }

    /** The inbox, with `left.ndjson` in the in-progress folder as a leader killed before its first progress leaves it. */
    private static String inboxWithAFileLeftInProgress() {
        try {
            ProfileFiles.drop(staging, inbox.resolve(".inprogress"), "left.ndjson", "left-", 300, i -> false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inbox.toString();
    }

    @Test
    void theLeaderResumesTheFileLeftInProgressAndReadsNewFiles() throws Exception {
        Route route = CAMEL.context().getRoutes().stream()
                .filter(r -> r.getEndpoint() instanceof MasterEndpoint).findFirst().orElseThrow();
        assertThat(((MasterEndpoint) route.getEndpoint()).getNamespace()).isEqualTo("clevertap-inbox");

        ProfileFiles.drop(staging, inbox, "new.ndjson", "new-", 200, i -> false);

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve(".done/left.ndjson"))
                                                          && Files.exists(inbox.resolve(".done/new.ndjson")));
        Map<Object, Long> stored = FaultSuite.storedByIdentity(CAMEL.emulator(), ACCOUNT);
        assertThat(stored).hasSize(500).containsKeys("left-0", "left-299", "new-0", "new-199");
        assertThat(stored.values()).containsOnly(1L);
        assertThat(inbox.resolve(".inprogress")).isEmptyDirectory();
    }
}
