package io.github.camelclevertap.component.record;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.records.RecordValidator;

/**
 * Turns the Java values of a record into what CleverTap reads, before the record is validated and sent. The record
 * given is never changed: the result is made of plain JSON values ({@code Map}, {@code List}, {@code String},
 * {@code Number}, {@code Boolean}, {@code null}). It is the record itself when nothing in it needs coercing (the usual
 * record parsed from JSON: see {@link AlreadyPlain}), otherwise a coerced copy.
 *
 * <ul>
 * <li>{@code ts}: read by {@link Timestamps#epochSeconds(Object)} (an {@code Instant}, {@code OffsetDateTime},
 * {@code ZonedDateTime}, {@code Date}, ISO-8601 text with an offset, or epoch milliseconds from 10^11 on) into epoch
 * seconds. A value it cannot read stays as it is (as text if it is no JSON value), for validation to refuse with
 * 525.</li>
 * <li>Anywhere else, a date ({@code Instant}, {@code Date}, {@code OffsetDateTime}, {@code ZonedDateTime},
 * {@code LocalDate} at midnight UTC) becomes {@code "$D_<epoch seconds>"}.</li>
 * <li>In {@code profileData}, a {@code Collection} or array becomes {@code {"$set": [...]}}. A map such as
 * {@code {"$add": [...]}} is the user's own multi-value operation and is kept.</li>
 * <li>In {@code evtData}, an object or list nested in a property is handled as {@code nestedEventData} says:
 * {@code reject} keeps it (validation then refuses the record with 512), {@code flatten} turns nested objects into
 * properties named {@code parent_child}, recursively (lists stay), {@code stringify} replaces a nested object or list
 * by its JSON text. The {@code Items} list of a {@code Charged} event is never flattened nor stringified.</li>
 * <li>Other values that are no JSON values (a POJO, an enum, a {@code UUID}) become what Jackson writes for them.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class RecordCoercion {

    /** What happens to objects and lists nested in an event property. */
    public enum NestedEventData {
        REJECT,
        FLATTEN,
        STRINGIFY;

        /**
         * The mode named by the {@code nestedEventData} option: {@code reject}, {@code flatten} or {@code stringify}.
         */
        public static NestedEventData of(String option) {
            return valueOf(option.toUpperCase(Locale.ROOT));
        }
    }

    private static final String SEPARATOR = "_";

    private final ObjectMapper mapper;
    private final NestedEventData nestedEventData;

    public RecordCoercion(ObjectMapper mapper, NestedEventData nestedEventData) {
        this.mapper = mapper;
        this.nestedEventData = nestedEventData;
    }

    /**
     * The record coerced: itself when it needs nothing, otherwise a coerced copy.
     *
     * @throws InvalidRecordException with code 512 when a value cannot be written as JSON or flattening would give
     *                                two properties the same name
     */
    public Map<String, Object> coerce(Map<String, Object> record) throws InvalidRecordException {
        // copying every record doubled the component's allocation per record: look first, copy only what changes
        if (AlreadyPlain.exceptTimestamp(record, nestedEventData)) {
            Object ts = record.get("ts");
            if (AlreadyPlain.timestamp(ts)) {
                return record;
            }
            // typically epoch seconds Jackson read as an Integer: a shallow copy, the rest is shared
            Map<String, Object> withSeconds = new LinkedHashMap<>(record);
            withSeconds.put("ts", timestamp(ts, record));
            return withSeconds;
        }
        Map<String, Object> coerced = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : record.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Object value = entry.getValue();
            Object result = switch (key) {
                case "ts" -> timestamp(value, record);
                case "profileData" -> value instanceof Map<?, ?> data ? profileData(data, record) : plain(value, key, record);
                case "evtData" -> value instanceof Map<?, ?> data
                        ? eventData(data, RecordValidator.isChargedEvent(record.get("evtName")), record)
                        : plain(value, key, record);
                default -> plain(value, key, record);
            };
            coerced.put(key, result);
        }
        return coerced;
    }

    private Object timestamp(Object value, Map<String, Object> record) throws InvalidRecordException {
        Long seconds = Timestamps.epochSeconds(value);
        if (seconds != null) {
            return seconds;
        }
        // unreadable: keep what was given so validation names it, as text when it is no JSON value
        return value == null || isJsonScalar(value) ? value : String.valueOf(value);
    }

    private Map<String, Object> profileData(Map<?, ?> data, Map<String, Object> record) throws InvalidRecordException {
        Map<String, Object> coerced = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : data.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String path = "profileData." + key;
            Object value = entry.getValue();
            if (value instanceof Collection<?> || isArray(value)) {
                Map<String, Object> set = new LinkedHashMap<>();
                set.put("$set", plain(value, path, record));
                coerced.put(key, set);
            } else {
                coerced.put(key, plain(value, path, record));
            }
        }
        return coerced;
    }

    private Map<String, Object> eventData(Map<?, ?> data, boolean charged, Map<String, Object> record)
            throws InvalidRecordException {
        Map<String, Object> coerced = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : data.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String path = "evtData." + key;
            Object value = plain(entry.getValue(), path, record);
            boolean nested = value instanceof Map<?, ?> || value instanceof List<?>;
            if (!nested || (charged && RecordValidator.ITEMS.equals(key)) || nestedEventData == NestedEventData.REJECT) {
                put(coerced, key, value, path, record);
            } else if (nestedEventData == NestedEventData.STRINGIFY) {
                put(coerced, key, json(value, path, record), path, record);
            } else if (value instanceof Map<?, ?> object) {
                flatten(coerced, key, object, path, record);
            } else {
                put(coerced, key, value, path, record); // a list is not flattened
            }
        }
        return coerced;
    }

    private static void flatten(Map<String, Object> into, String prefix, Map<?, ?> object, String path,
                                Map<String, Object> record) throws InvalidRecordException {
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            String key = prefix + SEPARATOR + entry.getKey();
            String childPath = path + "." + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> child) {
                flatten(into, key, child, childPath, record);
            } else {
                put(into, key, entry.getValue(), childPath, record);
            }
        }
    }

    private static void put(Map<String, Object> into, String key, Object value, String path,
                            Map<String, Object> record) throws InvalidRecordException {
        if (into.containsKey(key)) {
            throw new InvalidRecordException(512, "Invalid record structure. Flattening evtData gives the property '"
                                                  + key + "' twice.", path, record);
        }
        into.put(key, value);
    }

    private String json(Object value, String path, Map<String, Object> record) throws InvalidRecordException {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(512, "Value cannot be written as JSON: " + e.getOriginalMessage(), path,
                    record);
        }
    }

    /**
     * The value as plain JSON values, with dates as {@code "$D_..."}.
     */
    private Object plain(Object value, String path, Map<String, Object> record) throws InvalidRecordException {
        if (value == null || isJsonScalar(value)) {
            return value;
        }
        if (value instanceof CharSequence || value instanceof Character) {
            return value.toString();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes); // as Jackson writes binary
        }
        String date = Timestamps.dateProperty(value);
        if (date != null) {
            return date;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                copy.put(key, plain(entry.getValue(), path + "." + key, record));
            }
            return copy;
        }
        if (value instanceof Collection<?> || isArray(value)) {
            List<Object> list = new ArrayList<>();
            int index = 0;
            for (Object element : elements(value)) {
                list.add(plain(element, path + "[" + index++ + "]", record));
            }
            return list;
        }
        // a POJO, an enum, a UUID, ...: what Jackson would write for it
        Object converted;
        try {
            converted = mapper.convertValue(value, Object.class);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(512, "Value of type " + value.getClass().getName()
                                                  + " cannot be written as JSON: " + rootMessage(e), path, record);
        }
        if (converted == null || isJsonScalar(converted) || converted instanceof Map<?, ?>
                || converted instanceof List<?>) {
            return plain(converted, path, record);
        }
        throw new InvalidRecordException(512, "Value of type " + value.getClass().getName()
                                              + " cannot be written as a JSON value", path, record);
    }

    static boolean isJsonScalar(Object value) {
        return value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Double || value instanceof Float || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal;
    }

    // byte[] is binary, which Jackson writes as Base64 text, not an array
    private static boolean isArray(Object value) {
        return value != null && value.getClass().isArray() && !(value instanceof byte[]);
    }

    private static Iterable<?> elements(Object value) {
        if (value instanceof Collection<?> collection) {
            return collection;
        }
        int length = Array.getLength(value);
        List<Object> list = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            list.add(Array.get(value, i));
        }
        return list;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
