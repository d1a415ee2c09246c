package io.github.camelclevertap.component.credentials;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Passcodes from a Java properties file (UTF-8), one line per account: {@code <account id>=<passcode>}. The file is
 * read again when it changed since the last read, so passcodes can be added or rotated while the routes run. Keep the
 * file readable by the application's user only.
 */
public final class PropertiesFileCredentials implements CleverTapCredentials {

    private final Path file;
    private Properties passcodes = new Properties();
    private long readModified = Long.MIN_VALUE;

    public PropertiesFileCredentials(String file) {
        this.file = Path.of(file);
    }

    @Override
    public synchronized String passcode(String accountId) {
        try {
            long modified = Files.getLastModifiedTime(file).toMillis();
            if (modified != readModified) {
                Properties read = new Properties();
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    read.load(reader);
                }
                passcodes = read;
                readModified = modified;
            }
        } catch (IOException e) {
            // the exception's own message may quote the file's content: only its type travels on
            throw new IllegalStateException("Cannot read the CleverTap credentials file " + file + " ("
                                            + e.getClass().getSimpleName() + ")");
        }
        String value = passcodes.getProperty(accountId);
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String describe(String accountId) {
        return "the key " + accountId + " of the properties file " + file;
    }
}
