package io.github.camelclevertap.routetemplates.review;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Promise 4 (and 1): a stop mid-file ends the file's exchanges, and the progress reflects only answered records; the
 * file is left to resume, or its outputs account for every record. Here CleverTap answers slower than the
 * shutdown timeout: the forced stop interrupts the split waiting for a chunk permit ({@code FileUpload.next}), the
 * Kamelet's report never runs, the `file:` consumer rolls the file back into `.error` with no output at all, and the
 * progress beside it is deleted: 30 of the 40 records were never sent and nothing says so; a restart does nothing.
 */
class Promise4StopMidFileLeavesEveryRecordAccountedTest {

    @TempDir
    Path inbox;
    private CleverTapEmulator emulator;
    private FileSourceRun run;

    @AfterEach
    void stop() {
        if (run != null) {
            run.close();
        }
        emulator.close();
    }

    @Test
    void aContextStopMidFileThenARestartEndsTheFileAsAnUninterruptedRun() throws Exception {
        emulator = FileSourceRun.emulator();
        Map<String, String> properties = FileSourceRun.defaults();
        properties.put("camel.main.shutdown-timeout", "2");
        run = FileSourceRun.start(inbox, emulator, properties);
        emulator.setLatency(Duration.ofSeconds(6));
        FileSourceRun.drop(inbox, "users.ndjson", FileSourceRun.ndjson(40));
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.stats().requests() >= 1);

        FileSourceRun stopping = run;
        run = null;
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(stopping::close);
        await().atMost(Duration.ofSeconds(60)).until(stopped::isDone);
        // every answer is in by now (the stop waited for them)
        java.util.List<Object> stored = FileSourceRun.identities(emulator.storedRecords());
        boolean resumable = Files.exists(inbox.resolve(".inprogress/users.ndjson"));
        java.util.List<Object> listed = new java.util.ArrayList<>();
        for (String output : new String[] {".undelivered.ndjson", ".unknown.ndjson"}) {
            listed.addAll(FileSourceRun.identities(FileSourceRun.readNdjson(
                    inbox.resolve(".error/users.ndjson" + output))));
        }
        java.util.Set<Object> accounted = new java.util.HashSet<>(stored);
        accounted.addAll(listed);
        assertThat(resumable || accounted.size() == 40)
                .as("after the stop the file is in .inprogress to resume, or its outputs list what was not stored;"
                    + " stored %s, listed %s, files %s", stored.size(), listed.size(), tree()).isTrue();

        emulator.setLatency(Duration.ZERO);
        run = FileSourceRun.start(inbox, emulator, properties);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve(".done/users.ndjson"))
                                                           || Files.exists(inbox.resolve(".error/users.ndjson")));
        System.out.println("review4: after restart " + tree());
        assertThat(inbox.resolve(".done/users.ndjson")).as("the file after stop and restart; %s", tree()).exists();
        assertThat(FileSourceRun.identities(emulator.storedRecords()).stream().distinct().count()).isEqualTo(40);
    }

    private String tree() throws Exception {
        try (var files = Files.walk(inbox)) {
            return files.filter(Files::isRegularFile).map(p -> inbox.relativize(p) + "(" + size(p) + ")").toList()
                    .toString();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (Exception e) {
            return -1;
        }
    }
}
