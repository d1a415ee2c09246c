package io.github.camelclevertap.examples.quarkus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The sample exports shipped in the app ({@code samples/}): profiles as CSV, events as NDJSON.
 */
@ApplicationScoped
public class SampleFiles {

    static final List<String> NAMES = List.of("profiles.csv", "events.ndjson");

    /**
     * Copies the samples into the watched directory, under a temporary name first so the file flow never reads a
     * half-written file.
     */
    void copyInto(Path directory) throws IOException {
        Files.createDirectories(directory);
        for (String name : NAMES) {
            Path partial = directory.resolve(name + ".part");
            try (InputStream sample = SampleFiles.class.getResourceAsStream("/samples/" + name)) {
                Files.copy(sample, partial, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, directory.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        Log.infof("File flow: copied the sample files %s into %s", NAMES, directory);
    }
}
