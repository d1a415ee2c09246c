package io.github.camelclevertap.routetemplates.review;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Promise 2: after a `kill -9` a restart ends with the outcome an uninterrupted run would have. The README tells the
 * user to move `.error/<file>.undelivered.ndjson` back into the directory to send it again: that is a data file whose
 * name ends like an output. Killed while it was in progress (here: right after the `file:` consumer moved it, before
 * any progress), start-up takes it for an output of `batch.ndjson` and moves it to `.error`, unsent.
 */
class Promise2DataFileNamedLikeAnOutputResumesTest {

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
    void anUndeliveredFileMovedBackToBeSentAgainResumesAfterAKill() throws Exception {
        emulator = FileSourceRun.emulator();
        // the state a kill -9 leaves right after the pick-up of the re-sent undelivered records
        String name = "batch.ndjson.undelivered.ndjson";
        FileSourceRun.drop(inbox.resolve(".inprogress"), name, FileSourceRun.ndjson(5));

        run = FileSourceRun.start(inbox, emulator, FileSourceRun.defaults());

        Path done = inbox.resolve(".done").resolve(name);
        Path error = inbox.resolve(".error").resolve(name);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(done) || Files.exists(error));
        assertThat(FileSourceRun.identities(emulator.storedRecords()))
                .as("the records of %s, resumed after the kill", name)
                .containsExactlyInAnyOrder("u0", "u1", "u2", "u3", "u4");
        assertThat(done).exists();
    }
}
