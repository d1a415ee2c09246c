package io.github.camelclevertap.component;

import java.util.Map;

/**
 * A record that never got an answer from CleverTap, so it can be sent again.
 *
 * @param index  the record's 0-based position in the exchange's input
 * @param record the record as it would have been sent
 */
public record UndeliveredRecord(long index, Map<String, Object> record) {

    @Override
    public String toString() {
        return "record " + index;
    }
}
