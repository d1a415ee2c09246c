package io.github.camelclevertap.routetemplates;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The progress file of a file in progress: written to a new file, forced, renamed over the previous one, so a process
 * that dies between the write and the rename leaves the previous progress readable.
 */
class FileProgressTest {

    @TempDir
    Path folder;

    private static FileProgress after(long records) {
        return new FileProgress(1234, 5678, "ab12", records, records + 1, records - 2, 2, 0, 0, 300, 0, 0, false,
                null);
    }

    @Test
    void aWrittenProgressReadsBack() throws Exception {
        Path target = FileProgress.of(folder.resolve("users.csv"));
        assertThat(FileProgress.read(target)).isNull();

        after(5000).write(target);
        after(10_000).write(target);

        assertThat(target.getFileName()).hasToString("users.csv.progress");
        assertThat(FileProgress.read(target)).isEqualTo(after(10_000));
    }

    @Test
    void aTornWriteLeavesThePreviousProgressReadable() throws Exception {
        Path target = FileProgress.of(folder.resolve("users.csv"));
        after(5000).write(target);

        // the process dies after writing the new progress, before renaming it
        Path written = after(10_000).writeTemporary(target);
        assertThat(FileProgress.read(target)).isEqualTo(after(5000));

        // or in the middle of writing it
        Files.writeString(written, "size=1234\nmodified=5678\nrecords=150", StandardCharsets.UTF_8);
        assertThat(FileProgress.read(target)).isEqualTo(after(5000));

        // the next run writes over what the dead one left
        after(15_000).write(target);
        assertThat(FileProgress.read(target)).isEqualTo(after(15_000));
        FileProgress.delete(folder.resolve("users.csv"));
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void aFileThatIsNotAProgressFileIsRefused() throws Exception {
        Path target = FileProgress.of(folder.resolve("users.csv"));
        Files.writeString(target, "size=1234\nrecords=ten\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> FileProgress.read(target)).hasMessageContaining("is not a progress file");
    }
}
