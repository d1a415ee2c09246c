package io.github.camelclevertap.routetemplates;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import io.github.camelclevertap.component.CleverTapConstants;
import io.github.camelclevertap.component.RejectedRecord;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which files resume after a crash: only those start-up finds in the in-progress folder. A progress file left behind
 * by a file that finished (the process died after the file moved to the done folder, before its progress was
 * deleted) never makes a later file of the same name, size and modification time skip records. Each scenario runs
 * the pieces of the Kamelet by hand: {@link RecordFileReader} starts (as its route does) and reads the file the
 * `file:` consumer moved into the in-progress folder, and the sink's answers go to the {@link FileUpload}.
 */
class FileResumeStartUpTest {

    private static final CamelContext CAMEL = new DefaultCamelContext();
    /** Chunks of two records. */
    private static final int WINDOW = 10;
    private static final String NAME = "users.ndjson";

    @TempDir
    Path watched;
    private Path inProgress;
    private Path done;
    private Path error;

    @BeforeEach
    void folders() throws Exception {
        inProgress = Files.createDirectories(watched.resolve(".inprogress"));
        done = watched.resolve(".done");
        error = watched.resolve(".error");
    }

    @AfterAll
    static void close() throws Exception {
        CAMEL.close();
    }

    /** Ten records u0..u9, written with a fixed modification time, so a copy dropped again is identical. */
    private Path drop(Path folder, String name) throws Exception {
        StringBuilder text = new StringBuilder(name.endsWith(".csv") ? "id,Name\n" : "");
        for (int i = 0; i < 10; i++) {
            text.append(name.endsWith(".csv") ? "u" + i + ",N" + i + "\n"
                    : "{\"id\": \"u" + i + "\", \"Name\": \"N" + i + "\"}\n");
        }
        Path file = folder.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L));
        return file;
    }

    /** A run of the source: its reader, started as the route starts it. */
    private RecordFileReader start() {
        RecordFileReader reader = new RecordFileReader();
        reader.setType("profile");
        reader.setIdentityColumn("id");
        reader.setProgressInterval(0);
        reader.setDirectory(watched.toString());
        reader.setInProgressDirectory(".inprogress");
        reader.setErrorDirectory(".error");
        reader.setResumeInProgress(true);
        reader.setResumeWindow(WINDOW);
        reader.start();
        return reader;
    }

    /** The `file:` consumer picks {@code name} up: moves it into the in-progress folder, hands it to the reader. */
    private FileUpload pickUp(RecordFileReader reader, String name) throws Exception {
        Path file = Files.move(watched.resolve(name), inProgress.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getMessage().setBody(file.toFile());
        reader.process(exchange);
        return exchange.getProperty(RecordFileReader.FILE_UPLOAD, FileUpload.class);
    }

    /** The sink's answer for chunk {@code number}: stored, but for the record at {@code rejectedIndex} (or -1). */
    private static Exchange answer(int number, int records, int rejectedIndex) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.setProperty(Exchange.SPLIT_INDEX, number);
        exchange.getMessage().setHeader(CleverTapConstants.PROCESSED, rejectedIndex < 0 ? records : records - 1);
        exchange.getMessage().setHeader(CleverTapConstants.REJECTED_RECORDS, rejectedIndex < 0 ? List.of()
                : List.of(new RejectedRecord(rejectedIndex, 512, "too long", Map.of())));
        return exchange;
    }

    private static List<Object> identities(List<Map<String, Object>> chunk) {
        return chunk.stream().map(record -> record.get("identity")).toList();
    }

    /**
     * Sends the rest of the file, chunk after chunk from chunk {@code number} on, each answered; the first record of
     * each chunk rejected.
     */
    private static void sendRest(FileUpload upload, int number) {
        for (; upload.hasNext(); number++) {
            List<Map<String, Object>> chunk = upload.next();
            upload.answered(answer(number, chunk.size(), 0));
        }
    }

    /** Lines listed in an NDJSON output, in order. */
    private static List<Integer> lines(Path output) throws Exception {
        return ProfileFiles.readNdjson(output).stream().map(entry -> ((Number) entry.get("line")).intValue())
                .toList();
    }

    @Test
    void aProgressLeftByAFinishedFileNeverMakesAnIdenticalFileSkipRecords() throws Exception {
        // run 1 sends the whole file, moves it to done, and dies before deleting its progress
        drop(watched, NAME);
        RecordFileReader first = start();
        FileUpload upload = pickUp(first, NAME);
        sendRest(upload, 0);
        assertThat(upload.finish(null, done, error)).isNull();
        upload.close();
        Files.move(inProgress.resolve(NAME), done.resolve(NAME));
        assertThat(inProgress.resolve(NAME + ".progress")).exists();

        // the same export, byte for byte and with the same modification time, is dropped again
        drop(watched, NAME);
        RecordFileReader second = start();
        assertThat(inProgress.resolve(NAME + ".progress")).doesNotExist();
        FileUpload again = pickUp(second, NAME);

        assertThat(again.hasNext()).isTrue();
        assertThat(identities(again.next())).containsExactly("u0", "u1");
        again.close();
    }

    @Test
    void aProgressLeftInTheSameRunIsNotResumedEither() throws Exception {
        // the progress of a finished file could not be deleted (or the upload failed before it was): no start-up
        // found a file of that name in progress, so a file dropped later is sent whole
        drop(watched, NAME);
        RecordFileReader reader = start();
        FileUpload upload = pickUp(reader, NAME);
        sendRest(upload, 0);
        upload.finish(null, done, error);
        upload.close();
        Files.move(inProgress.resolve(NAME), done.resolve(NAME));

        drop(watched, NAME);
        FileUpload again = pickUp(reader, NAME);
        assertThat(identities(again.next())).containsExactly("u0", "u1");
        again.close();
    }

    @Test
    void aFileStartUpFindsInProgressResumesAfterItsProgressWithTheCsvHeaderApplied() throws Exception {
        String name = "users.csv";
        drop(watched, name);
        FileUpload upload = pickUp(start(), name);
        upload.next();
        upload.next();
        upload.answered(answer(0, 2, -1));
        upload.answered(answer(1, 2, 1)); // u3 rejected
        upload.next(); // sent, never answered: the process dies
        upload.close();

        FileUpload resumed = pickUp(start(), name);
        List<Map<String, Object>> chunk = resumed.next();
        assertThat(chunk).containsExactly(
                Map.of("type", "profile", "identity", "u4", "profileData", Map.of("Name", "N4")),
                Map.of("type", "profile", "identity", "u5", "profileData", Map.of("Name", "N5")));
        resumed.answered(answer(0, 2, -1));
        sendRest(resumed, 1);
        assertThat(resumed.finish(null, done, error)).isNull();
        resumed.close();
        assertThat(lines(done.resolve(name + ".rejected.ndjson"))).containsExactly(5, 8, 10);
    }

    @Test
    void aFileMovedBackByAStartUpThatDiedBeforeItWasPickedUpStillResumes() throws Exception {
        drop(watched, NAME);
        FileUpload upload = pickUp(start(), NAME);
        upload.next();
        upload.answered(answer(0, 2, -1));
        upload.close();

        start(); // moves the file back into the directory, and dies before the consumer picks it up
        assertThat(watched.resolve(NAME)).exists();
        FileUpload resumed = pickUp(start(), NAME);
        assertThat(identities(resumed.next())).containsExactly("u2", "u3");
        resumed.close();
    }

    @Test
    void theOutputsOfAnOrphanedProgressGoToTheErrorFolder() throws Exception {
        // a file taken out of the in-progress folder by hand while the source was down
        drop(watched, NAME);
        FileUpload upload = pickUp(start(), NAME);
        upload.next();
        upload.answered(answer(0, 2, 1));
        upload.close();
        Files.delete(inProgress.resolve(NAME));

        start();

        assertThat(inProgress).isEmptyDirectory();
        assertThat(lines(error.resolve(NAME + ".rejected.ndjson"))).containsExactly(2);
    }

    @Test
    void aFileWhoseProgressIsCompleteFinishesWithoutSendingAnything() throws Exception {
        drop(watched, NAME);
        FileUpload upload = pickUp(start(), NAME);
        sendRest(upload, 0); // every chunk answered, its progress written: the process dies before the report
        upload.close();

        FileUpload resumed = pickUp(start(), NAME);
        assertThat(resumed.hasNext()).isFalse();
        assertThat(resumed.finish(null, done, error)).isNull();
        resumed.close();
        assertThat(lines(done.resolve(NAME + ".rejected.ndjson"))).containsExactly(1, 3, 5, 7, 9);
    }

    @Test
    void aFileThatFailedBeforeTheCrashFailsAgainWithoutSendingAnything() throws Exception {
        drop(watched, NAME);
        FileUpload upload = pickUp(start(), NAME);
        upload.next();
        upload.answered(answer(0, 2, 0));
        // the route failed: the file's outputs went to the error folder, the process died before the file did
        assertThat(upload.finish(new IllegalStateException("route failed"), done, error)).isNotNull();
        upload.close();
        assertThat(lines(error.resolve(NAME + ".rejected.ndjson"))).containsExactly(1);

        FileUpload resumed = pickUp(start(), NAME);
        assertThat(resumed.hasNext()).isFalse();
        assertThat(resumed.finish(null, done, error)).hasMessageContaining("earlier run");
        resumed.close();
        assertThat(lines(error.resolve(NAME + ".rejected.ndjson"))).containsExactly(1);
        assertThat(done.resolve(NAME + ".rejected.ndjson")).doesNotExist();
    }

    @Test
    void twoCrashesInARowListEachRejectedLineOnce() throws Exception {
        drop(watched, NAME);
        Path rejected = inProgress.resolve(NAME + ".rejected.ndjson");
        FileUpload upload = pickUp(start(), NAME);
        upload.next();
        upload.answered(answer(0, 2, 0));
        upload.close();
        // dies after appending the next chunk's outcome, before writing its progress
        Files.writeString(rejected, "{\"line\":3,\"code\":512}\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        FileUpload second = pickUp(start(), NAME);
        second.next();
        second.answered(answer(0, 2, 0));
        second.next();
        second.close();
        Files.writeString(rejected, "{\"line\":5,\"code\":512}\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        FileUpload third = pickUp(start(), NAME);
        assertThat(identities(third.next())).containsExactly("u4", "u5");
        third.answered(answer(0, 2, 0));
        sendRest(third, 1);
        assertThat(third.finish(null, done, error)).isNull();
        third.close();
        assertThat(lines(done.resolve(NAME + ".rejected.ndjson"))).containsExactly(1, 3, 5, 7, 9);
    }

    @Test
    void anUnreadableProgressSendsTheFileFromItsStart() throws Exception {
        drop(watched, NAME);
        FileUpload upload = pickUp(start(), NAME);
        upload.next();
        upload.answered(answer(0, 2, 0));
        upload.close();
        // not a properties file at all (a malformed \\u escape), beside an output the progress counted
        Files.writeString(inProgress.resolve(NAME + ".progress"), "records=\\u12zz\n\0\0garbage",
                StandardCharsets.ISO_8859_1);

        FileUpload resumed = pickUp(start(), NAME);
        assertThat(identities(resumed.next())).containsExactly("u0", "u1");
        resumed.answered(answer(0, 2, 0));
        sendRest(resumed, 1);
        assertThat(resumed.finish(null, done, error)).isNull();
        resumed.close();
        assertThat(lines(done.resolve(NAME + ".rejected.ndjson"))).containsExactly(1, 3, 5, 7, 9);
        assertThat(Files.readString(Path.of("target/route-templates-test.log")))
                .contains(NAME + ": its progress file cannot be read");
    }
}
