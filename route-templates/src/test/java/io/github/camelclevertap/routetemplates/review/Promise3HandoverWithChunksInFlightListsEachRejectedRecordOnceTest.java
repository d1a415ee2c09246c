package io.github.camelclevertap.routetemplates.review;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas on one inbox. Replica A leads and uploads a file; its first five chunks are in flight (A's CleverTap is
 * slow) when A loses leadership (a lease it could not renew) and B wins it. B resumes the file A left in progress and
 * finishes it; then A's in-flight chunks are answered, one of them rejecting record u1. Promise: every record's
 * outcome is reported once (u1 listed once as rejected), the file finished once, nothing is left in the in-progress
 * folder to be taken for a new file.
 */
class Promise3HandoverWithChunksInFlightListsEachRejectedRecordOnceTest {

    @TempDir
    Path inbox;

    @Test
    void theOldLeadersLateAnswersDoNotListRecordsTwiceNorLeaveFilesInProgress() throws Exception {
        SwitchableClusterService a = new SwitchableClusterService("replica-a", true);
        SwitchableClusterService b = new SwitchableClusterService("replica-b", false);
        try (CleverTapEmulator slow = FileSourceRun.emulator(); CleverTapEmulator quick = FileSourceRun.emulator()) {
            slow.setLatency(Duration.ofSeconds(4));
            Map<String, String> slowReplica = ClusteredFileRun.defaults();
            // A's requests are answered (late), not timed out
            slowReplica.put("camel.component.clevertap.requestTimeout", "10000");
            try (ClusteredFileRun runA = ClusteredFileRun.start(inbox, slow, a, slowReplica);
                 ClusteredFileRun runB = ClusteredFileRun.start(inbox, quick, b, ClusteredFileRun.defaults())) {
                FileSourceRun.drop(inbox, "x.ndjson", FileSourceRun.ndjson(12, 1));
                await().atMost(Duration.ofSeconds(10)).until(() -> slow.stats().inFlight() >= 1);

                a.lead(false);
                b.lead(true);

                // both replicas quiet: every request answered, no exchange left
                await().atMost(Duration.ofSeconds(20)).until(() -> slow.stats().inFlight() == 0
                        && runA.context().getInflightRepository().size() == 0
                        && runB.context().getInflightRepository().size() == 0
                        && (Files.exists(inbox.resolve(".done/x.ndjson")) || Files.exists(inbox.resolve(".error/x.ndjson"))));

                assertThat(inbox.resolve(".done/x.ndjson")).as("every record got an answer: the file is done, files: "
                                                              + list(inbox)).exists();
                Map<Object, Long> stored = new TreeMap<>();
                for (CleverTapEmulator e : List.of(slow, quick)) {
                    for (Map<String, Object> r : e.storedRecords(FileSourceRun.ACCOUNT)) {
                        stored.merge(r.get("identity"), 1L, Long::sum);
                    }
                }
                assertThat(stored).as("every good record stored").hasSize(11);

                List<String> rejectedLines = new ArrayList<>();
                List<Path> leftInProgress = new ArrayList<>();
                try (Stream<Path> all = Files.walk(inbox)) {
                    for (Path p : all.filter(Files::isRegularFile).toList()) {
                        if (p.getFileName().toString().endsWith(".rejected.ndjson")) {
                            rejectedLines.addAll(Files.readAllLines(p).stream().filter(l -> !l.isBlank()).toList());
                        }
                        if (p.getParent().getFileName().toString().equals(".inprogress")) {
                            leftInProgress.add(p);
                        }
                    }
                }
                assertThat(leftInProgress).as("files left in the in-progress folder after the handover").isEmpty();
                assertThat(rejectedLines).as("rejected lines of u1 across the outputs, files: " + list(inbox)).hasSize(1);
            }
        }
    }

    static String list(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.map(Path::toString).toList().toString();
        }
    }
}
