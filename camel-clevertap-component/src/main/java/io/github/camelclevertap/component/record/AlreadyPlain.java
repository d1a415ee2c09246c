package io.github.camelclevertap.component.record;

import java.util.List;
import java.util.Map;

import io.github.camelclevertap.records.RecordValidator;

/**
 * Whether {@link RecordCoercion} would return a record equal to the one given, found without allocating: then the
 * record is sent as it is. True for the records Jackson parses from JSON and for maps of strings, numbers and
 * booleans, as long as
 * <ul>
 * <li>every key is a {@code String} and every value a JSON value: {@code String}, a JSON number type, {@code Boolean},
 * {@code null}, or a {@code Map} or {@code List} of those;</li>
 * <li>{@code ts} is absent, {@code null}, or a {@code Long} below {@link Timestamps#MILLISECONDS_FROM} (epoch seconds
 * as coercion writes them; {@link #exceptTimestamp} leaves it out, for coercion to replace alone);</li>
 * <li>no {@code profileData} value is a list (it would become {@code {"$set": [...]}});</li>
 * <li>no {@code evtData} value is an object or list, unless {@code nestedEventData} is {@code reject} or it is the
 * {@code Items} of a {@code Charged} event (it would be flattened or stringified).</li>
 * </ul>
 * Anything else takes the copying path, so a false "no" costs time, never correctness.
 */
final class AlreadyPlain {

    private AlreadyPlain() {
    }

    /** Whether everything in the record but its {@code ts} is kept as it is. */
    static boolean exceptTimestamp(Map<String, Object> record, RecordCoercion.NestedEventData nestedEventData) {
        for (Map.Entry<String, Object> entry : record.entrySet()) {
            Object key = entry.getKey();
            if (!(key instanceof String name)) {
                return false;
            }
            Object value = entry.getValue();
            boolean plain = switch (name) {
                case "ts" -> true;
                case "profileData" -> value instanceof Map<?, ?> data ? profileData(data) : value(value);
                case "evtData" -> value instanceof Map<?, ?> data
                        ? eventData(data, nestedEventData, RecordValidator.isChargedEvent(record.get("evtName")))
                        : value(value);
                default -> value(value);
            };
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    /** Whether a {@code ts} is kept as it is: absent, or epoch seconds as a {@code Long}. */
    static boolean timestamp(Object ts) {
        return ts == null || ts instanceof Long seconds && seconds > 0 && seconds < Timestamps.MILLISECONDS_FROM;
    }

    private static boolean profileData(Map<?, ?> data) {
        for (Map.Entry<?, ?> entry : data.entrySet()) {
            Object value = entry.getValue();
            if (!(entry.getKey() instanceof String) || value instanceof List<?> || !value(value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean eventData(Map<?, ?> data, RecordCoercion.NestedEventData nestedEventData, boolean charged) {
        for (Map.Entry<?, ?> entry : data.entrySet()) {
            Object key = entry.getKey();
            Object value = entry.getValue();
            boolean nested = value instanceof Map<?, ?> || value instanceof List<?>;
            boolean kept = !nested || nestedEventData == RecordCoercion.NestedEventData.REJECT
                           || charged && RecordValidator.ITEMS.equals(key);
            if (!(key instanceof String) || !kept || !value(value)) {
                return false;
            }
        }
        return true;
    }

    /** A JSON value all the way down: what {@code RecordCoercion.plain} returns unchanged. */
    private static boolean value(Object value) {
        if (value == null || RecordCoercion.isJsonScalar(value)) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String) || !value(entry.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (!value(element)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
