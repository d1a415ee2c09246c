package io.github.camelclevertap.routetemplates.review;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import io.github.camelclevertap.emulator.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Promise 1: every record ends stored, rejected (in `.rejected.ndjson`) or undelivered (in `.undelivered.ndjson`).
 * A daily export dropped under the same name as yesterday's (`users.ndjson` every day) must not wipe yesterday's
 * outcome: the undelivered records of yesterday's failed file are the only copy of what was never stored.
 */
class Promise1SecondFileOfTheSameNameKeepsTheFirstFilesOutputsTest {

    @TempDir
    Path inbox;
    private CleverTapEmulator emulator;
    private FileSourceRun run;

    @BeforeEach
    void start() {
        emulator = FileSourceRun.emulator();
        run = FileSourceRun.start(inbox, emulator, FileSourceRun.defaults());
    }

    @AfterEach
    void stop() {
        run.close();
        emulator.close();
    }

    @Test
    void theUndeliveredRecordsOfAFailedFileSurviveTheNextFailedFileOfTheSameName() throws Exception {
        Path error = inbox.resolve(".error");
        // day 1: one request (two records, u2 and u3 or whichever chunk comes second) refused with 401
        emulator.faults().enqueue(Fault.none(), Fault.status(401));
        FileSourceRun.drop(inbox, "users.ndjson", FileSourceRun.ndjson(6));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(error.resolve("users.ndjson")));
        List<Map<String, Object>> day1Undelivered = FileSourceRun.readNdjson(
                error.resolve("users.ndjson.undelivered.ndjson"));
        assertThat(day1Undelivered).hasSize(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(inbox.resolve(".inprogress/users.ndjson")));

        // day 2: another export of the same name, one request refused again
        emulator.faults().enqueue(Fault.none(), Fault.status(401));
        String day2 = FileSourceRun.record("d0", "D0") + "\n" + FileSourceRun.record("d1", "D1") + "\n"
                      + FileSourceRun.record("d2", "D2") + "\n" + FileSourceRun.record("d3", "D3") + "\n";
        FileSourceRun.drop(inbox, "users.ndjson", day2);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(error.resolve("users.ndjson"))
                .contains("\"d0\""));
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(inbox.resolve(".inprogress/users.ndjson")));

        // day 1's undelivered records are still listed somewhere under the inbox
        List<Object> listed = new java.util.ArrayList<>();
        try (var files = Files.walk(inbox)) {
            for (Path p : files.filter(p -> p.getFileName().toString().contains(".undelivered")).toList()) {
                listed.addAll(FileSourceRun.identities(FileSourceRun.readNdjson(p)));
            }
        }
        assertThat(listed).as("day 1's undelivered records, after day 2's file of the same name failed")
                .containsAll(FileSourceRun.identities(day1Undelivered));
    }
}
