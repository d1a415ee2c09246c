package io.github.camelclevertap.routetemplates;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file left in progress resumes after the records its progress lists, in every format, and its rejected output is
 * appended to without listing a line twice; a file changed meanwhile is sent from its start.
 */
class FileUploadResumeTest {

    private static final CamelContext CAMEL = new DefaultCamelContext();
    private static final RecordFile.RowMapping MAPPING = new RecordFile.RowMapping("profile", "id", null, null);
    /** Chunks of two records. */
    private static final int WINDOW = 10;

    @TempDir
    Path folder;

    @AfterAll
    static void close() throws Exception {
        CAMEL.close();
    }

    /** Ten records u0..u9; NDJSON and CSV have a broken line after u2. */
    private Path write(String format) throws Exception {
        StringBuilder text = new StringBuilder(format.equals("csv") ? "id,Name\n" : format.equals("json") ? "[\n" : "");
        for (int i = 0; i < 10; i++) {
            text.append(switch (format) {
                case "csv" -> "u" + i + ",N" + i + "\n" + (i == 2 ? "broken,row,here\n" : "");
                case "json" -> "{\"id\": \"u" + i + "\", \"Name\": \"N" + i + "\"}" + (i < 9 ? ",\n" : "\n]\n");
                default -> "{\"id\": \"u" + i + "\", \"Name\": \"N" + i + "\"}\n" + (i == 2 ? "{broken\n" : "");
            });
        }
        Path file = folder.resolve("users." + format);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
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

    /** What {@link RecordFileReader} does at start-up for a file it finds in progress: marks its progress. */
    private static void foundInProgressAtStartUp(Path file) throws Exception {
        Path progress = FileProgress.of(file);
        FileProgress.read(progress).resumable(true).write(progress);
    }

    private static Object identity(Map<String, Object> record) {
        return record.get("identity");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ndjson", "csv", "json"})
    void aFileLeftInProgressResumesAfterItsProgress(String format) throws Exception {
        Path file = write(format);
        FileUpload first = FileUpload.open(file, MAPPING, 0, WINDOW);
        List<Map<String, Object>> chunk0 = first.next();
        List<Map<String, Object>> chunk1 = first.next();
        List<Map<String, Object>> chunk2 = first.next();
        assertThat(chunk0).extracting(FileUploadResumeTest::identity).containsExactly("u0", "u1");
        first.answered(answer(1, 2, 0)); // u2 rejected; written only once chunk 0 is answered
        assertThat(FileProgress.read(FileProgress.of(file))).isNull();
        first.answered(answer(0, 2, -1));
        // chunk 2 was sent but never answered: the process dies here
        first.close();
        FileProgress progress = FileProgress.read(FileProgress.of(file));
        assertThat(progress.records()).isEqualTo(4);
        assertThat(progress.stored()).isEqualTo(3);

        foundInProgressAtStartUp(file);
        FileUpload second = FileUpload.open(file, MAPPING, 0, WINDOW);
        List<Map<String, Object>> resumed = second.next();
        assertThat(resumed).isEqualTo(chunk2).extracting(FileUploadResumeTest::identity).containsExactly("u4", "u5");
        assertThat(second.next()).extracting(FileUploadResumeTest::identity).containsExactly("u6", "u7");
        second.answered(answer(0, 2, -1));
        second.answered(answer(1, 2, -1));
        List<Map<String, Object>> last = second.next();
        assertThat(last).extracting(FileUploadResumeTest::identity).containsExactly("u8", "u9");
        second.answered(answer(2, 2, 1));
        assertThat(second.hasNext()).isFalse();
        Path done = Files.createDirectories(folder.resolve(".done"));
        assertThat(second.finish(null, done, folder.resolve(".error"))).isNull();
        second.close();

        List<Map<String, Object>> rejected = ProfileFiles.readNdjson(done.resolve(file.getFileName()
                                                                                + ".rejected.ndjson"));
        int offset = format.equals("csv") ? 1 : 0; // the header line
        List<Integer> expected = switch (format) {
            case "json" -> List.of(4, 11); // u2, u9: one element a line after the bracket
            default -> List.of(3 + offset, 4 + offset, 11 + offset); // u2, the broken line, u9
        };
        assertThat(rejected).extracting(entry -> ((Number) entry.get("line")).intValue())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(second.progress().stored()).isEqualTo(8);
        assertThat(second.progress().records()).isEqualTo(10);
    }

    @Test
    void aFileChangedWhileInProgressIsSentFromItsStart() throws Exception {
        Path file = write("ndjson");
        FileUpload first = FileUpload.open(file, MAPPING, 0, WINDOW);
        first.next();
        first.next();
        first.answered(answer(0, 2, -1));
        first.answered(answer(1, 2, 0));
        first.close();
        assertThat(FileUpload.output(file, FileUpload.REJECTED)).exists();

        foundInProgressAtStartUp(file);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 1000));
        FileUpload second = FileUpload.open(file, MAPPING, 0, WINDOW);
        assertThat(second.next()).extracting(FileUploadResumeTest::identity).containsExactly("u0", "u1");
        assertThat(FileUpload.output(file, FileUpload.REJECTED)).doesNotExist();
        second.close();
    }

    @Test
    void aFileRewrittenWithTheSameSizeAndModificationTimeIsSentFromItsStart() throws Exception {
        Path file = write("ndjson");
        FileTime modified = Files.getLastModifiedTime(file);
        FileUpload first = FileUpload.open(file, MAPPING, 0, WINDOW);
        first.next();
        first.answered(answer(0, 2, -1));
        first.close();

        foundInProgressAtStartUp(file);
        // another export of the same length, its modification time kept (a copy with `cp -p`, a restored backup)
        Files.writeString(file, Files.readString(file).replace("\"u0\"", "\"v0\""), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, modified);
        FileUpload second = FileUpload.open(file, MAPPING, 0, WINDOW);
        assertThat(second.next()).extracting(FileUploadResumeTest::identity).containsExactly("v0", "u1");
        second.close();
    }
}
