package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/**
 * How far a file in progress got, as written to `<file>.progress` beside it: every record before {@link #records()}
 * (and every line up to {@link #line()}) has an outcome, and the outputs beside the file hold those outcomes in
 * their first {@link #rejectedBytes()}, {@link #undeliveredBytes()} and {@link #unknownBytes()} bytes. The file's
 * size and modification time tell whether it is still the file the progress belongs to.
 * <p>
 * Written durably: to `<file>.progress.tmp`, forced to disk, then renamed over the previous progress in one step, so
 * a crash at any point leaves either the previous progress or the new one, never a torn one.
 *
 * @param size             the size of the file, in bytes
 * @param modified         the file's modification time, in epoch milliseconds
 * @param records          the records with an outcome, counted from the file's first one
 * @param line             the last line of the file whose outcome is written
 * @param stored           records CleverTap stored
 * @param rejected         records and unreadable lines listed in `<file>.rejected.ndjson`
 * @param undelivered      records listed in `<file>.undelivered.ndjson`
 * @param unknown          records listed in `<file>.unknown.ndjson`
 * @param rejectedBytes    the length of `<file>.rejected.ndjson` that holds those outcomes
 * @param undeliveredBytes the length of `<file>.undelivered.ndjson` likewise
 * @param unknownBytes     the length of `<file>.unknown.ndjson` likewise
 */
record FileProgress(long size, long modified, long records, long line, long stored, long rejected, long undelivered,
                    long unknown, long rejectedBytes, long undeliveredBytes, long unknownBytes) {

    static final String SUFFIX = ".progress";
    private static final String TEMPORARY = ".tmp";

    /** Nothing sent yet of a file of this size and modification time. */
    static FileProgress start(long size, long modified) {
        return new FileProgress(size, modified, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** The progress file of {@code file}. */
    static Path of(Path file) {
        return file.resolveSibling(file.getFileName() + SUFFIX);
    }

    /**
     * The progress last written to {@code target}, or null when there is none.
     *
     * @throws IOException when it cannot be read or is not a progress file
     */
    static FileProgress read(Path target) throws IOException {
        String text;
        try {
            text = Files.readString(target, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        Properties values = new Properties();
        values.load(new StringReader(text));
        try {
            return new FileProgress(number(values, "size"), number(values, "modified"), number(values, "records"),
                    number(values, "line"), number(values, "stored"), number(values, "rejected"),
                    number(values, "undelivered"), number(values, "unknown"), number(values, "rejectedBytes"),
                    number(values, "undeliveredBytes"), number(values, "unknownBytes"));
        } catch (NumberFormatException e) {
            throw new IOException(target + " is not a progress file: " + e.getMessage(), e);
        }
    }

    private static long number(Properties values, String key) {
        String value = values.getProperty(key);
        if (value == null) {
            throw new NumberFormatException("no " + key);
        }
        return Long.parseLong(value.trim());
    }

    /** Writes this progress to {@code target} durably: the previous progress stays readable until it is replaced. */
    void write(Path target) throws IOException {
        Files.move(writeTemporary(target), target, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** The first half of {@link #write(Path)}: the new progress, forced to disk beside the current one. */
    Path writeTemporary(Path target) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + TEMPORARY);
        ByteBuffer bytes = ByteBuffer.wrap(text().getBytes(StandardCharsets.UTF_8));
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        return temporary;
    }

    private String text() {
        StringWriter text = new StringWriter();
        text.append("size=").append(String.valueOf(size)).append('\n')
                .append("modified=").append(String.valueOf(modified)).append('\n')
                .append("records=").append(String.valueOf(records)).append('\n')
                .append("line=").append(String.valueOf(line)).append('\n')
                .append("stored=").append(String.valueOf(stored)).append('\n')
                .append("rejected=").append(String.valueOf(rejected)).append('\n')
                .append("undelivered=").append(String.valueOf(undelivered)).append('\n')
                .append("unknown=").append(String.valueOf(unknown)).append('\n')
                .append("rejectedBytes=").append(String.valueOf(rejectedBytes)).append('\n')
                .append("undeliveredBytes=").append(String.valueOf(undeliveredBytes)).append('\n')
                .append("unknownBytes=").append(String.valueOf(unknownBytes)).append('\n');
        return text.toString();
    }

    /** Deletes the progress of {@code file} and any half-written one. */
    static void delete(Path file) throws IOException {
        Path target = of(file);
        Files.deleteIfExists(target.resolveSibling(target.getFileName() + TEMPORARY));
        Files.deleteIfExists(target);
    }
}
