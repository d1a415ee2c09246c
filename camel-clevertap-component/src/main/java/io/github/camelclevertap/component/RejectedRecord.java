package io.github.camelclevertap.component;

import java.util.Map;

/**
 * A record CleverTap (or the local checks) refused to store, with CleverTap's code and error.
 *
 * @param index  the record's 0-based position in the exchange's input
 * @param code   CleverTap's code, for example 515 for an invalid email
 * @param error  CleverTap's error text
 * @param record the record as it was sent
 */
public record RejectedRecord(long index, int code, String error, Map<String, Object> record) {

    @Override
    public String toString() {
        return "record " + index + ": " + code + " " + error;
    }
}
