package io.github.camelclevertap.routetemplates;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Large NDJSON files of profile rows for the file-source fault, outage and crash tests, and the NDJSON outputs the
 * file source writes beside them.
 */
final class ProfileFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private ProfileFiles() {
    }

    /** The identity of row {@code i}. */
    static String identity(String prefix, int i) {
        return prefix + i;
    }

    /**
     * Writes {@code rows} rows `{"identity": "<prefix><i>", "Name": ...}` to a file in {@code staging}, then moves it
     * into {@code directory} in one step, so the file source never sees it half-written. The rows {@code invalid}
     * selects get a name CleverTap refuses (more than 512 bytes: code 512).
     */
    static Path drop(Path staging, Path directory, String name, String prefix, int rows, IntPredicate invalid)
            throws IOException {
        Path file = staging.resolve(name);
        String tooLong = "N".repeat(600);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < rows; i++) {
                out.write("{\"identity\": \"" + identity(prefix, i) + "\", \"Name\": \""
                          + (invalid.test(i) ? tooLong : "User " + i) + "\"}\n");
            }
        }
        Files.createDirectories(directory);
        return Files.move(file, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * As {@link #drop}, in CSV: a header row `identity,Name`, then one row per record, so row {@code i} is on line
     * {@code i + 2}.
     */
    static Path dropCsv(Path staging, Path directory, String name, String prefix, int rows, IntPredicate invalid)
            throws IOException {
        Path file = staging.resolve(name);
        String tooLong = "N".repeat(600);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("identity,Name\n");
            for (int i = 0; i < rows; i++) {
                out.write(identity(prefix, i) + "," + (invalid.test(i) ? tooLong : "User " + i) + "\n");
            }
        }
        Files.createDirectories(directory);
        return Files.move(file, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The JSON lines of a file the source wrote; none when it does not exist. */
    static List<Map<String, Object>> readNdjson(Path file) throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                entries.add(JSON.readValue(line, MAP));
            }
        }
        return entries;
    }
}
