package io.github.camelclevertap.routetemplates.review;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.apache.camel.component.master.MasterConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;

/**
 * A replica that loses leadership (a lease it could not renew) and later wins it back must read the inbox again: a
 * file dropped after the regain is uploaded. Otherwise the one leader of the namespace never reads, and every file
 * waits forever.
 */
class Promise1LeaderThatRegainsLeadershipReadsTheInboxAgainTest {

    @TempDir
    Path inbox;

    @Test
    void aFileDroppedAfterLeadershipCameBackIsUploaded() throws Exception {
        SwitchableClusterService cluster = new SwitchableClusterService("replica-a", true);
        try (CleverTapEmulator emulator = FileSourceRun.emulator();
             ClusteredFileRun run = ClusteredFileRun.start(inbox, emulator, cluster, ClusteredFileRun.defaults())) {
            FileSourceRun.drop(inbox, "first.ndjson", FileSourceRun.ndjson(4));
            await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(inbox.resolve(".done/first.ndjson")));

            MasterConsumer master = run.context().getRoutes().stream()
                    .filter(r -> r.getConsumer() instanceof MasterConsumer)
                    .map(r -> (MasterConsumer) r.getConsumer()).findFirst().orElseThrow();
            cluster.lead(false);
            await().atMost(Duration.ofSeconds(10)).until(() -> !master.isMaster());
            FileSourceRun.drop(inbox, "while-follower.ndjson", FileSourceRun.ndjson(2));
            cluster.lead(true);

            FileSourceRun.drop(inbox, "second.ndjson", FileSourceRun.ndjson(4));
            await("second.ndjson uploaded after leadership came back").atMost(Duration.ofSeconds(15))
                    .until(() -> Files.exists(inbox.resolve(".done/second.ndjson"))
                                 && Files.exists(inbox.resolve(".done/while-follower.ndjson")));
        }
    }
}
