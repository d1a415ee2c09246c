package io.github.camelclevertap.records;

import java.util.Objects;

/**
 * Why one record of an upload would not be processed: CleverTap's per-record code, its message and the field at
 * fault.
 *
 * <p>Two texts come out of one rejection:
 * <ul>
 * <li>{@link #errorFor(int)}: the {@code error} CleverTap answers, its words followed by
 * {@code "Skipped record number : k"} (what the emulator answers);</li>
 * <li>{@link #describe()}: the same words followed by the field, {@code "<message> (field <path>)"}, for example
 * {@code "Profile data is incorrect. Email is not valid. (field profileData.Email)"} (what the component reports for a
 * record it refuses before sending).</li>
 * </ul>
 *
 * <p>The field is a path into the record: top-level keys by name ({@code type}, {@code identity}, {@code ts},
 * {@code evtName}), nested keys joined with dots ({@code profileData.Email}, {@code evtData.Items[2].Price},
 * {@code profileData.Tags.$add[0]}), list elements by 0-based index in brackets. A record that is not a JSON object at
 * all has the path {@code record}.
 *
 * @param code    CleverTap's per-record code, for example 515 for an invalid email
 * @param message the error text without the record number suffix, in CleverTap's words where they are known
 * @param field   the path of the field at fault
 */
public record Rejection(int code, String message, String field) {

    /** The path of a record that is not a JSON object. */
    public static final String WHOLE_RECORD = "record";

    public Rejection {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(field, "field");
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

    /**
     * CleverTap's words followed by the field at fault: {@code "<message> (field <path>)"}.
     */
    public String describe() {
        return describe(message, field);
    }

    /**
     * The local text format for any message and field: {@code "<message> (field <path>)"}, with trailing whitespace of
     * the message removed.
     */
    public static String describe(String message, String field) {
        return message.strip() + " (field " + field + ")";
    }
}
