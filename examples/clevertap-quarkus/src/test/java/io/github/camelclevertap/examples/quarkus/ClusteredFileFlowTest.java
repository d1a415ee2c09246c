package io.github.camelclevertap.examples.quarkus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.component.master.MasterEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The file flow as one of several replicas on a shared inbox: with {@code clevertap.cluster.root} and
 * {@code flows.file.cluster-namespace} set, the file source runs behind master:, this replica is elected by the file
 * lock, and a file dropped into the inbox is uploaded. (Failover between replica JVMs is in camel-clevertap-redis'
 * ReplicasShareOneInboxTest.)
 */
@QuarkusTest
@TestProfile(ClusteredFileFlowTest.Clustered.class)
@WithTestResource(EmbeddedDefaults.class)
class ClusteredFileFlowTest {

    @Inject
    CamelContext camel;

    @Test
    void theElectedReplicaUploadsTheFilesOfTheSharedInbox() throws IOException {
        assertThat(camel.getRoutes()).anySatisfy(route -> {
            assertThat(route.getEndpoint()).isInstanceOf(MasterEndpoint.class);
            assertThat(((MasterEndpoint) route.getEndpoint()).getNamespace()).isEqualTo("clevertap-inbox");
        });
        String userId = "clustered-" + UUID.randomUUID();
        Path partial = Files.writeString(EmbeddedDefaults.inbox().resolve(userId + ".csv.part"),
                "user_id,Name\n" + userId + ",Jane Roe\n");
        Path file = Files.move(partial, EmbeddedDefaults.inbox().resolve(userId + ".csv"));

        assertThat(EmulatorRecords.awaitWithIdentity(userId, records -> !records.isEmpty())).containsExactly(
                Map.of("type", "profile", "identity", userId, "profileData", Map.of("Name", "Jane Roe")));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(EmbeddedDefaults.inbox().resolve(".done").resolve(file.getFileName())));
    }

    public static class Clustered implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(Path.of("target"));
                Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cluster-");
                return Map.of("clevertap.cluster.root", root.toString(),
                        "clevertap.cluster.acquire-lock-interval", "200",
                        "flows.file.cluster-namespace", "clevertap-inbox",
                        "flows.sql.enabled", "false", "flows.slack.enabled", "false");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
