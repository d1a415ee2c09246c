package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far a file in progress got, as written to `<file>.progress` beside it: every record before {@link #records()}
 * (and every line up to {@link #line()}) has an outcome, and the outputs beside the file hold those outcomes in
 * their first {@link #rejectedBytes()}, {@link #undeliveredBytes()} and {@link #unknownBytes()} bytes. The file's
 * size, modification time and {@link #fingerprint(Path, long) fingerprint} tell whether it is still the file the
 * progress belongs to.
 * <p>
 * A progress is resumed only when start-up found its file in the in-progress folder and marked it
 * {@link #resumable()}; the mark is spent when the file is opened again. A progress left behind by a file that
 * finished is never resumed, whatever file of that name comes next.
 * <p>
 * Written durably: to `<file>.progress.<unique>.tmp`, forced to disk, then renamed over the previous progress in one
 * step, so a crash at any point leaves either the previous progress or the new one, never a torn one. Each write has
 * a temporary file of its own, so two writers (an old leader that has not yet learnt it lost leadership, and the new
 * one) never rename each other's.
 *
 * @param size             the size of the file, in bytes
 * @param modified         the file's modification time, in epoch milliseconds
 * @param fingerprint      the file's {@link #fingerprint(Path, long) fingerprint}
 * @param records          the records with an outcome, counted from the file's first one
 * @param line             the last line of the file whose outcome is written
 * @param stored           records CleverTap stored
 * @param rejected         records and unreadable lines listed in `<file>.rejected.ndjson`
 * @param undelivered      records listed in `<file>.undelivered.ndjson`
 * @param unknown          records listed in `<file>.unknown.ndjson`
 * @param rejectedBytes    the length of `<file>.rejected.ndjson` that holds those outcomes
 * @param undeliveredBytes the length of `<file>.undelivered.ndjson` likewise
 * @param unknownBytes     the length of `<file>.unknown.ndjson` likewise
 * @param resumable        start-up found the file in progress: the next open resumes after this progress
 * @param outcome          {@code null} while records are sent; {@link #DONE} or {@link #FAILED} once the file's
 *                         outcome was decided and its outputs are being moved to the done or the error folder
 */
record FileProgress(long size, long modified, String fingerprint, long records, long line, long stored,
                    long rejected, long undelivered, long unknown, long rejectedBytes, long undeliveredBytes,
                    long unknownBytes, boolean resumable, String outcome) {

    static final String SUFFIX = ".progress";
    static final String TEMPORARY_SUFFIX = SUFFIX + ".tmp";
    static final String DONE = "done";
    static final String FAILED = "failed";
    private static final String TEMPORARY = ".tmp";
    /** `<file>.progress.tmp` (an earlier version's) or `<file>.progress.<unique>.tmp`: group 1 is `<file>`. */
    private static final Pattern TEMPORARY_NAME = Pattern.compile("(.+)\\.progress(?:\\.[0-9a-f]{1,32})?\\.tmp");
    private static final AtomicLong TEMPORARIES = new AtomicLong();
    /** The bytes read at each end of a file for its fingerprint. */
    private static final int FINGERPRINT_BYTES = 64 * 1024;

    /** Nothing sent yet of a file of this size, modification time and fingerprint. */
    static FileProgress start(long size, long modified, String fingerprint) {
        return new FileProgress(size, modified, fingerprint, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, null);
    }

    /** The progress after more outcomes were written: unmarked. */
    FileProgress after(long records, long line, long stored, long rejected, long undelivered, long unknown,
                       long rejectedBytes, long undeliveredBytes, long unknownBytes) {
        return new FileProgress(size, modified, fingerprint, records, line, stored, rejected, undelivered, unknown,
                rejectedBytes, undeliveredBytes, unknownBytes, false, outcome);
    }

    /** This progress, marked (or no longer marked) to be resumed by the next open of its file. */
    FileProgress resumable(boolean resumable) {
        return new FileProgress(size, modified, fingerprint, records, line, stored, rejected, undelivered, unknown,
                rejectedBytes, undeliveredBytes, unknownBytes, resumable, outcome);
    }

    /** This progress, with the file's outcome decided: {@link #DONE}, or {@link #FAILED}. */
    FileProgress decided(boolean failed) {
        return new FileProgress(size, modified, fingerprint, records, line, stored, rejected, undelivered, unknown,
                rejectedBytes, undeliveredBytes, unknownBytes, false, failed ? FAILED : DONE);
    }

    /** Whether the file matches the size, modification time and fingerprint this progress was written for. */
    boolean belongsTo(long size, long modified, String fingerprint) {
        return this.size == size && this.modified == modified && this.fingerprint.equals(fingerprint);
    }

    /**
     * The SHA-256 of the first and the last 64 KiB of {@code file} (of all of it, up to 128 KiB), in hex: with its
     * size and modification time, it tells a file rewritten in place, or replaced by another of the same size and
     * time, from the file the progress was written for, for the price of two short reads. It survives a copy or a
     * move to another file system, where an inode number would not, and never matches a new file by reuse.
     */
    static String fingerprint(Path file, long size) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long head = Math.min(size, FINGERPRINT_BYTES);
            digestRange(in, 0, head, digest);
            long tail = Math.min(size - head, FINGERPRINT_BYTES);
            digestRange(in, size - tail, tail, digest);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void digestRange(FileChannel in, long from, long length, MessageDigest digest)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) length);
        while (buffer.hasRemaining()) {
            if (in.read(buffer, from + buffer.position()) < 0) {
                throw new IOException("the file got shorter while its fingerprint was read");
            }
        }
        buffer.flip();
        digest.update(buffer);
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
        try {
            Properties values = new Properties();
            values.load(new StringReader(text));
            String fingerprint = values.getProperty("fingerprint");
            if (fingerprint == null || fingerprint.isBlank()) {
                throw new IllegalArgumentException("no fingerprint");
            }
            String outcome = values.getProperty("outcome");
            if (outcome != null && !outcome.equals(DONE) && !outcome.equals(FAILED)) {
                throw new IllegalArgumentException("outcome " + outcome);
            }
            FileProgress progress = new FileProgress(number(values, "size"), number(values, "modified"),
                    fingerprint.trim(), number(values, "records"), number(values, "line"), number(values, "stored"),
                    number(values, "rejected"), number(values, "undelivered"), number(values, "unknown"),
                    number(values, "rejectedBytes"), number(values, "undeliveredBytes"),
                    number(values, "unknownBytes"), Boolean.parseBoolean(values.getProperty("resumable")), outcome);
            if (progress.records < 0 || progress.line < 0 || progress.rejectedBytes < 0
                || progress.undeliveredBytes < 0 || progress.unknownBytes < 0) {
                throw new IllegalArgumentException("a negative count");
            }
            return progress;
        } catch (IllegalArgumentException e) {
            // NumberFormatException, or an escape Properties cannot decode
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
        // unique in this JVM by the counter, across replicas by the random part
        String unique = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL)
                        + Long.toHexString(TEMPORARIES.incrementAndGet());
        Path temporary = target.resolveSibling(target.getFileName() + "." + unique + TEMPORARY);
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
                .append("fingerprint=").append(fingerprint).append('\n')
                .append("records=").append(String.valueOf(records)).append('\n')
                .append("line=").append(String.valueOf(line)).append('\n')
                .append("stored=").append(String.valueOf(stored)).append('\n')
                .append("rejected=").append(String.valueOf(rejected)).append('\n')
                .append("undelivered=").append(String.valueOf(undelivered)).append('\n')
                .append("unknown=").append(String.valueOf(unknown)).append('\n')
                .append("rejectedBytes=").append(String.valueOf(rejectedBytes)).append('\n')
                .append("undeliveredBytes=").append(String.valueOf(undeliveredBytes)).append('\n')
                .append("unknownBytes=").append(String.valueOf(unknownBytes)).append('\n')
                .append("resumable=").append(String.valueOf(resumable)).append('\n');
        if (outcome != null) {
            text.append("outcome=").append(outcome).append('\n');
        }
        return text.toString();
    }

    /** Deletes the progress of {@code file} and any half-written one. */
    static void delete(Path file) throws IOException {
        deleteTemporaries(file);
        Files.deleteIfExists(of(file));
    }

    /** Deletes the half-written progresses of {@code file} a writer that died left. */
    static void deleteTemporaries(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            return;
        }
        String name = file.getFileName().toString();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder,
                entry -> name.equals(ownerOfTemporary(entry.getFileName().toString())))) {
            for (Path entry : entries) {
                Files.deleteIfExists(entry);
            }
        }
    }

    /** The file a half-written progress named {@code name} was written for, or null when it is not one. */
    static String ownerOfTemporary(String name) {
        Matcher matcher = TEMPORARY_NAME.matcher(name);
        return matcher.matches() ? matcher.group(1) : null;
    }
}
