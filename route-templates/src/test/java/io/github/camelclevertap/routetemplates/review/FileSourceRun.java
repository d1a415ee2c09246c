package io.github.camelclevertap.routetemplates.review;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.component.CleverTapComponent;
import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * One run of `kamelet:clevertap-file-source` → `kamelet:clevertap-sink` on {@code inbox}, in Camel Main (as `camel
 * run` does), against an emulator the test owns. Start it again on the same folder for "the process restarted".
 */
final class FileSourceRun implements AutoCloseable {

    static final String ACCOUNT = "ACC-review4";
    static final String PASSCODE = "pc-review4";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Main main;

    private FileSourceRun(Main main) {
        this.main = main;
    }

    static CleverTapEmulator emulator() {
        return CleverTapEmulator.builder().account(ACCOUNT, PASSCODE).build().start();
    }

    static Map<String, String> defaults() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("review.resumeWindow", "10");
        p.put("review.resumeInProgress", "true");
        p.put("review.batchSize", "2");
        p.put("review.maxConcurrent", "5");
        p.put("review.maxRetries", "1");
        p.put("review.identityColumn", "identity");
        // a request on a connection the stop aborted may get no answer: it ends within this, not the default 30 s
        p.put("camel.component.clevertap.requestTimeout", "3000");
        return p;
    }

    static FileSourceRun start(Path inbox, CleverTapEmulator emulator, Map<String, String> properties) {
        Main main = new Main();
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:routes/review4-file-source.yaml");
        main.addInitialProperty("camel.main.shutdown-timeout", "10");
        CleverTapComponent clevertap = new CleverTapComponent();
        clevertap.getConfiguration().setPasscode(PASSCODE);
        main.bind("clevertap", clevertap);
        main.addInitialProperty("inbox", inbox.toString());
        main.addInitialProperty("clevertap.account-id", ACCOUNT);
        main.addInitialProperty("clevertap.passcode", PASSCODE);
        main.addInitialProperty("clevertap.base-uri", emulator.baseUri().toString());
        properties.forEach(main::addInitialProperty);
        main.start();
        return new FileSourceRun(main);
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    @Override
    public void close() {
        main.stop();
    }

    static String record(String identity, String name) {
        return "{\"type\": \"profile\", \"identity\": \"" + identity + "\", \"profileData\": {\"Name\": \"" + name
               + "\"}}";
    }

    /** n NDJSON records u0..u(n-1); the record at each index of {@code tooLong} has a 600-byte name (code 512). */
    static String ndjson(int n, int... tooLong) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            boolean bad = false;
            for (int t : tooLong) {
                bad |= t == i;
            }
            text.append(record("u" + i, bad ? "X".repeat(600) : "N" + i)).append('\n');
        }
        return text.toString();
    }

    /** Writes elsewhere and renames into {@code folder}, as the README asks. */
    static Path drop(Path folder, String name, String content) throws IOException {
        Files.createDirectories(folder);
        Path staging = Files.createTempFile(folder.getParent() == null ? folder : folder.getParent(), "stage", ".tmp");
        Files.writeString(staging, content, StandardCharsets.UTF_8);
        return Files.move(staging, folder.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static List<Map<String, Object>> readNdjson(Path file) throws IOException {
        List<Map<String, Object>> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> value = JSON.readValue(line, Map.class);
                lines.add(value);
            }
        }
        return lines;
    }

    static List<Object> identities(List<Map<String, Object>> records) {
        return records.stream().map(r -> r.get("identity")).toList();
    }
}
