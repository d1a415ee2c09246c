package io.github.camelclevertap.routetemplates.review;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Promises 1 and 2: a file a `kill -9` left in progress must end with all its records stored, rejected or listed.
 * When the next export of the same name is already waiting in the directory at restart, start-up logs that the old
 * file "stays in .inprogress" - but the `file:` consumer then pre-moves the new file over it, and the new file's
 * open deletes the old file's progress and rejected output: the old file's unsent records and its rejection are gone.
 */
class Promise1FileLeftInProgressBesideAWaitingFileOfTheSameNameTest {

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

    /** The state a kill leaves after chunks 0 and 1 (u0..u3) were answered, u1 rejected. */
    static void leftInProgress(Path inProgress, String name) throws Exception {
        String content = FileSourceRun.ndjson(10, 1);
        Path file = FileSourceRun.drop(inProgress, name, content);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L));
        String rejected = "{\"line\":2,\"index\":1,\"code\":512,\"error\":\"too long\",\"record\":"
                          + FileSourceRun.record("u1", "X".repeat(600)) + "}\n";
        Files.writeString(inProgress.resolve(name + ".rejected.ndjson"), rejected, StandardCharsets.UTF_8);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        String progress = "size=" + bytes.length + "\nmodified=1700000000000\nfingerprint=" + fingerprint
                          + "\nrecords=4\nline=4\nstored=3\nrejected=1\nundelivered=0\nunknown=0\nrejectedBytes="
                          + rejected.getBytes(StandardCharsets.UTF_8).length
                          + "\nundeliveredBytes=0\nunknownBytes=0\nresumable=false\n";
        Files.writeString(inProgress.resolve(name + ".progress"), progress, StandardCharsets.UTF_8);
    }

    @Test
    void theOldFilesRecordsAreNotLostWhenANewFileOfItsNameWaits() throws Exception {
        emulator = FileSourceRun.emulator();
        leftInProgress(inbox.resolve(".inprogress"), "users.ndjson");
        // the next export, under the same name, arrived while the process was down
        FileSourceRun.drop(inbox, "users.ndjson", FileSourceRun.record("v0", "V0") + "\n");

        run = FileSourceRun.start(inbox, emulator, FileSourceRun.defaults());

        await().atMost(Duration.ofSeconds(30)).until(() -> FileSourceRun.identities(emulator.storedRecords())
                .contains("v0"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(inbox.resolve(".done/users.ndjson")));

        // the old file: still waiting, untouched, with its outputs - or its remaining records sent
        Path old = inbox.resolve(".inprogress/users.ndjson");
        boolean kept = Files.exists(old) && Files.readString(old).contains("\"u9\"");
        List<Object> stored = FileSourceRun.identities(emulator.storedRecords());
        assertThat(kept || stored.containsAll(List.of("u4", "u5", "u6", "u7", "u8", "u9")))
                .as("the old users.ndjson is kept in .inprogress or its records u4..u9 are sent; stored: %s,"
                    + " .inprogress holds %s", stored, list(inbox.resolve(".inprogress"))).isTrue();
        List<Object> rejectedLines = new ArrayList<>();
        try (var files = Files.walk(inbox)) {
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".rejected.ndjson")).toList()) {
                FileSourceRun.readNdjson(p).forEach(r -> rejectedLines.add(((Map<?, ?>) r.get("record"))
                        .get("identity")));
            }
        }
        assertThat(rejectedLines).as("the old file's rejection of u1").contains("u1");
    }

    private static List<String> list(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
