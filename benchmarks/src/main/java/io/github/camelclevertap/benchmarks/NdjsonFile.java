package io.github.camelclevertap.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes case 3's input: one record of {@link Records} per line, the same records every case sends. */
final class NdjsonFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NdjsonFile() {
    }

    static Path write(Path file, long records) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (long i = 0; i < records; i++) {
                out.write(JSON.writeValueAsBytes(Records.event(i)));
                out.write('\n');
            }
        }
        return file;
    }
}
