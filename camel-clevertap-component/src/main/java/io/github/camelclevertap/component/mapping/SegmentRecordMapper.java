package io.github.camelclevertap.component.mapping;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.component.record.Timestamps;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Maps Segment-spec messages (`identify`, `track`, `page`, `screen`) to CleverTap records, the way Datafly Signal
 * does: the exchange body becomes the record `Map`, or a `List` of records for a `List` of messages or a Segment
 * batch (`{"batch": [...]}`).
 *
 * - `identify` → a profile. Traits: `name` (or `firstName` and `lastName`) → `Name`, `email` → `Email`, `phone` →
 *   `Phone`, `gender` → `Gender` `M` or `F` (male, female, m, f in any case; any other value stays a `gender`
 *   property), `birthday` → `DOB` as `$D_<epoch seconds>`. Other traits are kept: a nested object is flattened
 *   (`address.city` → `address_city`) and a list becomes a multi-value `{"$set": [...]}`, the only shapes CleverTap
 *   takes in a profile.
 * - `track` → an event named by the event-name table ({@link #DEFAULT_EVENT_NAMES}, extended or overridden with
 *   {@link #setEventNames(String)}; names are compared ignoring case and spaces; a name not in the table is kept).
 *   An event mapped to `Charged` gets `order_id` → `Charged ID`, `revenue` (else `total`) → `Amount`, `currency` →
 *   `Currency` and `products` → `Items`; its other properties are kept.
 * - `page` → `Web Page Viewed`, `screen` → `Screen Viewed`, with the properties and the message's `name` and
 *   `category` as properties.
 * - `timestamp` (else `originalTimestamp`), ISO-8601 → `ts` in epoch seconds.
 * - The identifier is the first of the `identity` paths that has a value (default `userId`), sent as `identity`;
 *   else the first of the `objectId` paths (none by default; `anonymousId` for anonymous traffic), sent as
 *   `objectId`.
 *
 * Instances are thread-safe once configured.
 */
public class SegmentRecordMapper implements Processor {

    /** Segment's e-commerce and lifecycle event names and CleverTap's, as Datafly Signal maps them. */
    public static final Map<String, String> DEFAULT_EVENT_NAMES;

    static {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("Products Searched", "Searched");
        names.put("Product Viewed", "Product Viewed");
        names.put("Product Added to Wishlist", "Added to Wishlist");
        names.put("Product Added", "Added to Cart");
        names.put("Checkout Started", "Checkout Started");
        names.put("Order Completed", "Charged");
        names.put("Signed Up", "Signed Up");
        names.put("Logged In", "Logged In");
        DEFAULT_EVENT_NAMES = Collections.unmodifiableMap(names);
    }

    /** The event a `page` message becomes. */
    public static final String PAGE_EVENT = "Web Page Viewed";
    /** The event a `screen` message becomes. */
    public static final String SCREEN_EVENT = "Screen Viewed";

    private static final String CHARGED = "Charged";
    private static final String LANGUAGE = "segment";

    private final ObjectMapper objectMapper = new ObjectMapper();
    private List<String> identityPaths = List.of("userId");
    private List<String> objectIdPaths = List.of();
    private final Map<String, String> eventNames = new LinkedHashMap<>();
    private volatile Map<String, String> lookup = normalized(Map.of());
    private String source;

    /**
     * A fluent builder, for the Java DSL.
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        Object payload = JsonInput.read(exchange.getMessage().getBody(), objectMapper);
        if (payload instanceof Map<?, ?> map && map.get("batch") instanceof List<?> batch) {
            exchange.getMessage().setBody(mapAll(batch));
        } else if (payload instanceof List<?> list) {
            exchange.getMessage().setBody(mapAll(list));
        } else if (payload instanceof Map<?, ?> map) {
            exchange.getMessage().setBody(map((Map<String, Object>) map));
        } else {
            throw new CleverTapMappingException(
                    "Segment mapping: the message body is not a Segment message (a JSON object), got "
                                                + (payload == null ? "none" : payload),
                    "body", null, LANGUAGE);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> mapAll(List<?> messages) {
        List<Map<String, Object>> records = new ArrayList<>(messages.size());
        for (Object message : messages) {
            if (!(message instanceof Map<?, ?> map)) {
                throw new CleverTapMappingException(
                        "Segment mapping: message " + (records.size() + 1) + " of the batch is not a JSON object",
                        "body", null, LANGUAGE);
            }
            records.add(map((Map<String, Object>) map));
        }
        return records;
    }

    /**
     * Maps one Segment message to a CleverTap record.
     */
    public Map<String, Object> map(Map<String, Object> message) {
        Object type = message.get("type");
        String kind = type instanceof String text ? text.strip().toLowerCase(Locale.ROOT) : null;
        if (kind == null || !List.of("identify", "track", "page", "screen").contains(kind)) {
            throw new CleverTapMappingException(
                    "Segment mapping: message type " + (type == null ? "is missing" : "'" + type + "' is not mapped")
                                                + ": identify, track, page and screen are",
                    "type", "type", LANGUAGE);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", "identify".equals(kind) ? "profile" : "event");
        putIdentifier(record, message);
        Long ts = timestamp(message);
        if (ts != null) {
            record.put("ts", ts);
        }
        switch (kind) {
            case "identify" -> record.put("profileData", profile(asMap(message.get("traits"), "traits")));
            case "track" -> track(record, message);
            default -> {
                Map<String, Object> data = new LinkedHashMap<>(asMap(message.get("properties"), "properties"));
                putIfAbsent(data, "name", message.get("name"));
                putIfAbsent(data, "category", message.get("category"));
                record.put("evtName", "page".equals(kind) ? PAGE_EVENT : SCREEN_EVENT);
                record.put("evtData", data);
            }
        }
        if (source != null) {
            record.put("$source", source);
        }
        return record;
    }

    private void putIdentifier(Map<String, Object> record, Map<String, Object> message) {
        for (String path : identityPaths) {
            String id = identifier(path, at(message, path));
            if (id != null) {
                record.put("identity", id);
                return;
            }
        }
        for (String path : objectIdPaths) {
            String id = identifier(path, at(message, path));
            if (id != null) {
                record.put("objectId", id);
                return;
            }
        }
        List<String> tried = new ArrayList<>(identityPaths);
        tried.addAll(objectIdPaths);
        throw new CleverTapMappingException(
                "Segment mapping: no identifier in the " + message.get("type") + " message: "
                                            + String.join(", ", tried) + " gave no value",
                identityPaths.isEmpty() ? "objectId" : "identity", String.join(",", tried), LANGUAGE);
    }

    private static String identifier(String path, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof CharSequence text) {
            String id = text.toString().strip();
            return id.isEmpty() ? null : id;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return value.toString();
        }
        throw new CleverTapMappingException("Segment mapping: the identifier at " + path + " is not a string",
                "identity", path, LANGUAGE);
    }

    private static Long timestamp(Map<String, Object> message) {
        for (String field : new String[] { "timestamp", "originalTimestamp" }) {
            Object value = message.get(field);
            if (value != null) {
                try {
                    return Timestamps.readAtUtc(value);
                } catch (IllegalArgumentException e) {
                    throw new CleverTapMappingException("Segment mapping: " + field + " is not a time: "
                                                        + e.getMessage(),
                            "ts", field, LANGUAGE, e);
                }
            }
        }
        return null;
    }

    private void track(Map<String, Object> record, Map<String, Object> message) {
        Object event = message.get("event");
        if (!(event instanceof String name) || name.isBlank()) {
            throw new CleverTapMappingException("Segment mapping: the track message has no event name",
                    "evtName", "event", LANGUAGE);
        }
        String evtName = lookup.getOrDefault(key(name), name.strip());
        Map<String, Object> properties = asMap(message.get("properties"), "properties");
        record.put("evtName", evtName);
        record.put("evtData", key(CHARGED).equals(key(evtName)) ? charged(properties) : new LinkedHashMap<>(properties));
    }

    private static Map<String, Object> charged(Map<String, Object> properties) {
        Map<String, Object> rest = new LinkedHashMap<>(properties);
        Map<String, Object> data = new LinkedHashMap<>();
        move(rest, "order_id", data, "Charged ID");
        if (rest.get("revenue") != null) {
            move(rest, "revenue", data, "Amount");
        } else {
            move(rest, "total", data, "Amount");
        }
        move(rest, "currency", data, "Currency");
        move(rest, "products", data, "Items");
        data.putAll(rest);
        return data;
    }

    private static void move(Map<String, Object> from, String key, Map<String, Object> to, String name) {
        Object value = from.remove(key);
        if (value != null) {
            to.put(name, value);
        }
    }

    private static Map<String, Object> profile(Map<String, Object> traits) {
        Map<String, Object> rest = new LinkedHashMap<>(traits);
        Map<String, Object> data = new LinkedHashMap<>();
        Object name = rest.remove("name");
        Object first = rest.remove("firstName");
        Object last = rest.remove("lastName");
        if (name != null) {
            data.put("Name", name);
        } else if (first != null || last != null) {
            data.put("Name", String.join(" ", Arrays.stream(new Object[] { first, last })
                    .filter(part -> part != null && !part.toString().isBlank())
                    .map(part -> part.toString().strip()).toList()));
        }
        move(rest, "email", data, "Email");
        move(rest, "phone", data, "Phone");
        Object gender = rest.get("gender");
        String code = gender(gender);
        if (code != null) {
            rest.remove("gender");
            data.put("Gender", code);
        }
        Object birthday = rest.remove("birthday");
        if (birthday != null) {
            try {
                Long seconds = Timestamps.readAtUtc(birthday);
                if (seconds != null) {
                    data.put("DOB", "$D_" + seconds);
                }
            } catch (IllegalArgumentException e) {
                throw new CleverTapMappingException("Segment mapping: traits.birthday is not a date: "
                                                    + e.getMessage(),
                        "profileData.DOB", "traits.birthday", LANGUAGE, e);
            }
        }
        rest.forEach((key, value) -> flatten(key, value, data));
        return data;
    }

    private static String gender(Object value) {
        if (!(value instanceof String text)) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "m", "male" -> "M";
            case "f", "female" -> "F";
            default -> null;
        };
    }

    private static void flatten(String key, Object value, Map<String, Object> data) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((child, childValue) -> flatten(key + "_" + child, childValue, data));
        } else if (value instanceof List<?> list) {
            List<String> values = new ArrayList<>(list.size());
            for (Object item : list) {
                if (item != null) {
                    values.add(scalarText(item));
                }
            }
            data.put(key, Map.of("$set", values));
        } else if (value != null) {
            data.put(key, value);
        }
    }

    private static String scalarText(Object value) {
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String field) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new CleverTapMappingException("Segment mapping: " + field + " is not an object", field, field,
                LANGUAGE);
    }

    private static void putIfAbsent(Map<String, Object> data, String key, Object value) {
        if (value != null && !data.containsKey(key)) {
            data.put(key, value);
        }
    }

    private static Object at(Map<String, Object> message, String path) {
        Object current = message;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    /** Event names are compared as CleverTap compares them: ignoring case and white space. */
    private static String key(String name) {
        StringBuilder key = new StringBuilder(name.length());
        name.codePoints().filter(c -> !Character.isWhitespace(c)).forEach(key::appendCodePoint);
        return key.toString().toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> normalized(Map<String, String> overrides) {
        Map<String, String> table = new LinkedHashMap<>();
        DEFAULT_EVENT_NAMES.forEach((segment, clevertap) -> table.put(key(segment), clevertap));
        overrides.forEach((segment, clevertap) -> table.put(key(segment), clevertap));
        return Collections.unmodifiableMap(table);
    }

    private static List<String> paths(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(path -> !path.isEmpty()).toList();
    }

    public String getIdentity() {
        return String.join(",", identityPaths);
    }

    /**
     * The message paths that give the `identity`, comma-separated, first with a value wins: `userId` (the default),
     * `traits.email`, `context.traits.email`... Empty for none (only `objectId`).
     */
    public void setIdentity(String identity) {
        this.identityPaths = paths(identity);
    }

    public String getObjectId() {
        return String.join(",", objectIdPaths);
    }

    /**
     * The message paths that give the `objectId` when no `identity` path has a value, comma-separated, such as
     * `anonymousId`. None by default.
     */
    public void setObjectId(String objectId) {
        this.objectIdPaths = paths(objectId);
    }

    /**
     * The event names added to or overriding {@link #DEFAULT_EVENT_NAMES}: Segment name to CleverTap name.
     */
    public Map<String, String> getEventNames() {
        return Collections.unmodifiableMap(eventNames);
    }

    /**
     * Event names to add to or override in the table, as a JSON object of Segment name to CleverTap name, such as
     * `{"Order Refunded": "Refunded", "Product Viewed": "Viewed"}`.
     */
    public void setEventNames(String eventNames) {
        this.eventNames.clear();
        if (eventNames != null && !eventNames.isBlank()) {
            try {
                Map<?, ?> map = objectMapper.readValue(eventNames, Map.class);
                map.forEach((segment, clevertap) -> {
                    if (!(clevertap instanceof String name) || name.isBlank()) {
                        throw new IllegalArgumentException("eventNames: the CleverTap name for '" + segment
                                                           + "' must be a non-empty string");
                    }
                    this.eventNames.put(String.valueOf(segment), name.strip());
                });
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("eventNames must be a JSON object of Segment name to CleverTap"
                                                   + " name, such as {\"Order Refunded\": \"Refunded\"}: "
                                                   + e.getOriginalMessage(),
                        e);
            }
        }
        this.lookup = normalized(this.eventNames);
    }

    public String getSource() {
        return source;
    }

    /**
     * A label of the sending system, sent as the record's `$source`. None by default.
     */
    public void setSource(String source) {
        this.source = source == null || source.isBlank() ? null : source.strip();
    }

    /**
     * Fluent configuration of a {@link SegmentRecordMapper}, for the Java DSL.
     */
    public static final class Builder {

        private final SegmentRecordMapper mapper = new SegmentRecordMapper();
        private final Map<String, String> names = new LinkedHashMap<>();

        private Builder() {
        }

        /** The message paths giving the `identity`, first with a value wins (default `userId`). */
        public Builder identity(String... paths) {
            mapper.identityPaths = List.of(paths);
            return this;
        }

        /** The message paths giving the `objectId` when no identity path has a value. */
        public Builder objectId(String... paths) {
            mapper.objectIdPaths = List.of(paths);
            return this;
        }

        /** Adds or overrides one entry of the event-name table. */
        public Builder eventName(String segmentName, String cleverTapName) {
            names.put(segmentName, cleverTapName);
            return this;
        }

        /** The `$source` label. */
        public Builder source(String source) {
            mapper.setSource(source);
            return this;
        }

        public SegmentRecordMapper build() {
            mapper.eventNames.clear();
            mapper.eventNames.putAll(names);
            mapper.lookup = normalized(names);
            return mapper;
        }
    }
}
