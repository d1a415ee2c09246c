package io.github.camelclevertap.emulator;

import java.util.Objects;

/**
 * Why one record of an upload was not processed: CleverTap's per-record error code and its message.
 *
 * <p>The message is the text CleverTap puts before {@code "Skipped record number : k"}; {@link #errorFor(int)}
 * builds the full {@code error} string of an {@code unprocessed} entry.
 *
 * @param code    CleverTap's per-record code, for example 515 for an invalid email
 * @param message the error text without the record number suffix
 */
public record Rejection(int code, String message) {

    public Rejection {
        Objects.requireNonNull(message, "message");
    }

    /**
     * The {@code error} text CleverTap answers for this rejection at the given position.
     *
     * @param recordNumber 1-based position of the record in the request's {@code d} array
     */
    public String errorFor(int recordNumber) {
        // CleverTap appends the suffix with no separator of its own: the message carries its final punctuation.
        return message + "Skipped record number : " + recordNumber;
    }
}
