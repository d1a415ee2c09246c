package io.github.camelclevertap.routetemplates;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the NDJSON outputs written beside a file in progress (rejected, undelivered, of unknown outcome), appended
 * to as outcomes arrive. Its durable length goes into the {@link FileProgress}; on resume it is cut back to that
 * length, so what was appended after the last progress write, and will be written again, is not listed twice. It is
 * created on its first line only.
 */
final class SideFile implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(SideFile.class);

    private final Path path;
    private FileChannel channel;
    private long length;
    private boolean dirty;

    private SideFile(Path path, long length) {
        this.path = path;
        this.length = length;
    }

    /**
     * The output at {@code path}, cut back to {@code length} bytes (deleted for 0). A shorter one than that was
     * already moved away by a run that finished the file: it is appended to as it is.
     */
    static SideFile resume(Path path, long length) throws IOException {
        if (length == 0) {
            Files.deleteIfExists(path);
        } else if (Files.exists(path) && Files.size(path) > length) {
            try (FileChannel cut = FileChannel.open(path, StandardOpenOption.WRITE)) {
                cut.truncate(length);
                cut.force(true);
            }
        }
        return new SideFile(path, length);
    }

    void append(List<String> lines) throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        if (channel == null) {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        }
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            length += channel.write(bytes);
        }
        dirty = true;
    }

    /** Forces what was appended to disk. */
    void force() throws IOException {
        if (dirty) {
            channel.force(false);
            dirty = false;
        }
    }

    /** The bytes written so far, the part before the cut included. */
    long length() {
        return length;
    }

    /**
     * Moves the output into {@code folder}; nothing when it does not exist. One of the same name there (left by an
     * earlier file of that name) is kept: this one then goes to `<name>.<millis>.ndjson`, logged.
     */
    void moveTo(Path folder) throws IOException {
        close();
        if (Files.exists(path)) {
            Path target = folder.resolve(path.getFileName());
            if (Files.exists(target)) {
                target = unique(folder, path.getFileName().toString());
                LOG.warn("{} already holds {}, left by an earlier file of that name: this file's output is {}",
                        folder, path.getFileName(), target.getFileName());
            }
            Files.move(path, target);
        }
    }

    /** A name in {@code folder} for {@code name} (ending in `.ndjson`) that is not taken: `<base>.<millis>.ndjson`. */
    static Path unique(Path folder, String name) {
        String base = name.endsWith(".ndjson") ? name.substring(0, name.length() - ".ndjson".length()) : name;
        Path target = folder.resolve(base + "." + System.currentTimeMillis() + ".ndjson");
        for (int n = 1; Files.exists(target); n++) {
            target = folder.resolve(base + "." + System.currentTimeMillis() + "-" + n + ".ndjson");
        }
        return target;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
