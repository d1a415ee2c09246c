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
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.component.record.Timestamps;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps Segment-spec messages (`identify`, `track`, `page`, `screen`, `alias`) to CleverTap records: the exchange body
 * becomes the record `Map`, or a `List` of records for a `List` of messages or a Segment batch (`{"batch": [...]}`).
 *
 * Two presets ({@link #setPreset(String)}):
 *
 * - `default`: as Datafly Signal maps Segment events. `identify` → a profile: the traits are read from `traits`, then
 *   `context.traits` (key by key, `traits` wins), every CleverTap standard field and subscription flag is taken from
 *   its trait names (compared ignoring case, `_`, `-` and spaces) and coerced to CleverTap's form; a value that cannot
 *   be coerced stays a custom property (the reason logged once per trait); other traits are kept, a nested object
 *   flattened (`address.city` → `address_city`), a list sent as `{"$set": [...]}`. `track` → an event named by the
 *   event-name table ({@link #DEFAULT_EVENT_NAMES}); `Charged` gets `order_id` → `Charged ID`, `revenue` (else
 *   `total`) → `Amount`, `currency` → `Currency`, `products` → `Items`. `page` → `Web Page Viewed`, `screen` →
 *   `Screen Viewed`, with the message's `name` and `category`. `alias` → a profile update of `previousId` that adds
 *   `userId` as an identity. `timestamp` (else `originalTimestamp`) → `ts`. Identity: `userId`.
 * - `rudderstack`: as RudderStack's CleverTap destination shapes records (see the component docs for the
 *   differences kept to stay CleverTap-valid).
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

    /** RudderStack's event-name table: only `Order Completed` is renamed. */
    public static final Map<String, String> RUDDERSTACK_EVENT_NAMES = Map.of("Order Completed", "Charged");

    /** The preset that maps as Datafly Signal does, with every CleverTap standard field. */
    public static final String DEFAULT_PRESET = "default";
    /** The preset that shapes records as RudderStack's CleverTap destination does. */
    public static final String RUDDERSTACK_PRESET = "rudderstack";
    /** The presets, by name. */
    public static final List<String> PRESETS = List.of(DEFAULT_PRESET, RUDDERSTACK_PRESET);

    /** The identity paths of the `rudderstack` preset: RudderStack's user id, else the anonymous id. */
    public static final List<String> RUDDERSTACK_IDENTITY = List.of(
            "userId", "traits.userId", "traits.id", "context.traits.userId", "context.traits.id", "anonymousId");

    /** The event a `page` message becomes. */
    public static final String PAGE_EVENT = "Web Page Viewed";
    /** The event a `screen` message becomes. */
    public static final String SCREEN_EVENT = "Screen Viewed";

    /** The `identity` value that means no identity path (only `objectId` paths). */
    public static final String NONE = "none";

    private static final Logger LOG = LoggerFactory.getLogger(SegmentRecordMapper.class);
    private static final String CHARGED = "Charged";
    private static final String LANGUAGE = "segment";
    private static final List<String> TYPES = List.of("identify", "track", "page", "screen", "alias");

    private final ObjectMapper objectMapper = new ObjectMapper();
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private List<String> identityPaths;
    private List<String> objectIdPaths = List.of();
    private final Map<String, String> eventNames = new LinkedHashMap<>();
    private volatile boolean rudderstack;
    private volatile Map<String, String> lookup = normalized(DEFAULT_EVENT_NAMES, Map.of());
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
        if (kind == null || !TYPES.contains(kind)) {
            throw new CleverTapMappingException(
                    "Segment mapping: message type " + (type == null ? "is missing" : "'" + type + "' is not mapped")
                                                + ": identify, track, page, screen and alias are",
                    "type", "type", LANGUAGE);
        }
        boolean profile = "identify".equals(kind) || "alias".equals(kind);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", profile ? "profile" : "event");
        if ("alias".equals(kind)) {
            record.put("identity", required(message, "previousId", "alias"));
        } else {
            putIdentifier(record, message);
        }
        Long ts = timestamp(message, profile);
        if (ts != null) {
            record.put("ts", ts);
        }
        switch (kind) {
            case "identify" -> record.put("profileData", rudderstack ? rudderStackProfile(message) : profile(message));
            case "alias" -> record.put("profileData", new LinkedHashMap<>(Map.of(
                    "identity", required(message, "userId", "alias"))));
            case "track" -> track(record, message);
            default -> view(record, message, "page".equals(kind) ? PAGE_EVENT : SCREEN_EVENT);
        }
        if (source != null) {
            record.put("$source", source);
        }
        return record;
    }

    private static String required(Map<String, Object> message, String field, String kind) {
        String id = identifier(field, message.get(field));
        if (id == null) {
            throw new CleverTapMappingException("Segment mapping: the " + kind + " message has no " + field,
                    "identity", field, LANGUAGE);
        }
        return id;
    }

    private void view(Map<String, Object> record, Map<String, Object> message, String event) {
        Map<String, Object> properties = asMap(message.get("properties"), "properties");
        if (rudderstack) {
            Object label = firstValue(message, "event", "properties.event", "name", "properties.name");
            record.put("evtName", label == null ? event : event + ": " + label);
            record.put("evtData", stringified(properties));
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>(properties);
        putIfAbsent(data, "name", message.get("name"));
        putIfAbsent(data, "category", message.get("category"));
        record.put("evtName", event);
        record.put("evtData", data);
    }

    private List<String> identityPaths() {
        List<String> paths = identityPaths;
        return paths != null ? paths : rudderstack ? RUDDERSTACK_IDENTITY : List.of("userId");
    }

    private void putIdentifier(Map<String, Object> record, Map<String, Object> message) {
        List<String> identity = identityPaths();
        for (String path : identity) {
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
        List<String> tried = new ArrayList<>(identity);
        tried.addAll(objectIdPaths);
        throw new CleverTapMappingException(
                "Segment mapping: no identifier in the " + message.get("type") + " message: "
                                            + String.join(", ", tried) + " gave no value",
                identity.isEmpty() ? "objectId" : "identity", String.join(",", tried), LANGUAGE);
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

    /**
     * The record's time: RudderStack reads `ts` from the traits (profiles) or the properties (events); both presets
     * then read the message's `timestamp`, else `originalTimestamp`.
     */
    private Long timestamp(Map<String, Object> message, boolean profile) {
        List<String> fields = rudderstack
                ? profile ? List.of("traits.ts", "context.traits.ts", "timestamp", "originalTimestamp")
                        : List.of("properties.ts", "timestamp", "originalTimestamp")
                : List.of("timestamp", "originalTimestamp");
        for (String field : fields) {
            Object value = at(message, field);
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
        boolean charged = key(CHARGED).equals(key(evtName));
        record.put("evtName", evtName);
        if (rudderstack) {
            record.put("evtData", charged ? rudderStackCharged(properties) : stringified(properties));
        } else {
            record.put("evtData", charged ? charged(properties) : new LinkedHashMap<>(properties));
        }
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

    /** RudderStack's `Charged`: `checkout_id`, `revenue` and `products` only; `ts` is the record's. */
    private Map<String, Object> rudderStackCharged(Map<String, Object> properties) {
        Map<String, Object> rest = new LinkedHashMap<>(properties);
        Map<String, Object> data = new LinkedHashMap<>();
        move(rest, "checkout_id", data, "Charged ID");
        move(rest, "revenue", data, "Amount");
        Object products = rest.remove("products");
        if (products != null) {
            if (!(products instanceof List<?> list) || list.isEmpty() || !(list.get(0) instanceof Map<?, ?>)) {
                throw new CleverTapMappingException(
                        "Segment mapping: properties.products of a Charged event must be a list of objects",
                        "evtData.Items", "properties.products", LANGUAGE);
            }
            data.put("Items", products);
        }
        rest.remove("ts");
        data.putAll(stringified(rest));
        return data;
    }

    private static void move(Map<String, Object> from, String key, Map<String, Object> to, String name) {
        Object value = from.remove(key);
        if (value != null) {
            to.put(name, value);
        }
    }

    /** The default profile: standard fields from their trait names, coerced; the other traits kept. */
    private Map<String, Object> profile(Map<String, Object> message) {
        Map<String, Object> rest = new LinkedHashMap<>(asMap(message.get("traits"), "traits"));
        asMap(at(message, "context.traits"), "context.traits").forEach(rest::putIfAbsent);
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, Object> kept = new LinkedHashMap<>();
        List<String> firstNames = take(rest, SegmentTraits.FIRST_NAMES);
        List<String> lastNames = take(rest, SegmentTraits.LAST_NAMES);
        for (SegmentTraits.Field field : SegmentTraits.DEFAULT_FIELDS) {
            List<String> keys = take(rest, field.traits());
            Object value = null;
            String trait = null;
            for (String key : keys) {
                if (trait == null && rest.get(key) != null) {
                    trait = key;
                    value = rest.get(key);
                } else if (rest.get(key) != null) {
                    logOnce(key + "|duplicate", "Segment mapping: trait '{}' is dropped: '{}' already gives {}",
                            key, trait, field.key());
                }
                rest.remove(key);
            }
            if (value == null && "Name".equals(field.key())) {
                value = fullName(first(rest, firstNames), first(rest, lastNames), false);
                trait = "firstName";
            }
            if (value != null) {
                putStandard(field, trait, value, data, kept, false);
            }
        }
        firstNames.forEach(rest::remove);
        lastNames.forEach(rest::remove);
        kept.putAll(rest);
        kept.forEach((key, value) -> {
            if (SegmentTraits.SUBSCRIPTION_GROUPS.contains(key) && value instanceof Map<?, ?>) {
                data.put(key, value);
            } else {
                flatten(key, value, data);
            }
        });
        return data;
    }

    private static Object first(Map<String, Object> traits, List<String> keys) {
        for (String key : keys) {
            if (traits.get(key) != null) {
                return traits.get(key);
            }
        }
        return null;
    }

    /** The keys of a map whose names match one of the trait names, in the map's order. */
    private static List<String> take(Map<String, Object> traits, List<String> names) {
        List<String> normalized = names.stream().map(SegmentTraits::normalize).toList();
        return traits.keySet().stream().filter(key -> normalized.contains(SegmentTraits.normalize(key))).toList();
    }

    private static String fullName(Object first, Object last, boolean both) {
        List<String> parts = Arrays.stream(new Object[] { first, last })
                .filter(part -> part != null && !part.toString().isBlank())
                .map(part -> part.toString().strip()).toList();
        return parts.isEmpty() || both && parts.size() < 2 ? null : String.join(" ", parts);
    }

    /**
     * Puts a standard field in CleverTap's form, or keeps the trait as a custom property (or drops it) with the
     * reason logged once per trait.
     */
    private void putStandard(
            SegmentTraits.Field field, String trait, Object value, Map<String, Object> data, Map<String, Object> kept,
            boolean drop) {
        SegmentTraits.Coerced coerced = SegmentTraits.coerce(field, value);
        if (coerced.ok()) {
            data.put(field.key(), coerced.value());
            return;
        }
        if (drop) {
            logOnce(trait + "|" + field.key(), "Segment mapping: trait '{}' is not a valid CleverTap {} ({}): it is"
                                               + " dropped, as RudderStack drops it; further values are not logged",
                    trait, field.key(), coerced.reason());
            return;
        }
        String custom = SegmentTraits.isStandardKey(trait) ? trait.toLowerCase(Locale.ROOT) : trait;
        logOnce(trait + "|" + field.key(), "Segment mapping: trait '{}' is not a valid CleverTap {} ({}): it is sent"
                                           + " as the custom property '{}'; further values are not logged",
                trait, field.key(), coerced.reason(), custom);
        kept.put(custom, value);
    }

    private void logOnce(String key, String format, Object... arguments) {
        if (logged.add(key)) {
            LOG.warn(format, arguments);
        }
    }

    /**
     * RudderStack's profile: its standard fields from `traits`, else `context.traits`; the other traits from both
     * (`context.traits` wins), nested ones as JSON text; then `overrideFields` as they are.
     */
    private Map<String, Object> rudderStackProfile(Map<String, Object> message) {
        Map<String, Object> traits = asMap(message.get("traits"), "traits");
        Map<String, Object> context = asMap(at(message, "context.traits"), "context.traits");
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, Object> kept = new LinkedHashMap<>();
        for (SegmentTraits.Field field : SegmentTraits.RUDDERSTACK_FIELDS) {
            String trait = field.traits().get(0);
            Object value = traits.get(trait) != null ? traits.get(trait) : context.get(trait);
            if (value == null && "Name".equals(field.key())) {
                Object firstName = first(traits, SegmentTraits.FIRST_NAMES);
                Object lastName = first(traits, SegmentTraits.LAST_NAMES);
                value = fullName(firstName != null ? firstName : first(context, SegmentTraits.FIRST_NAMES),
                        lastName != null ? lastName : first(context, SegmentTraits.LAST_NAMES), true);
                trait = "firstName";
            }
            if (value != null) {
                putStandard(field, trait, value, data, kept, "Gender".equals(field.key()));
            }
        }
        for (Map<String, Object> source : List.of(traits, context)) {
            source.forEach((key, value) -> {
                if (value != null && !SegmentTraits.RUDDERSTACK_EXCLUDED.contains(key)) {
                    data.put(key, value);
                }
            });
        }
        data.putAll(kept);
        Map<String, Object> profile = stringified(data);
        Object overrides = traits.get("overrideFields") instanceof Map<?, ?> map ? map : context.get("overrideFields");
        if (overrides instanceof Map<?, ?> map) {
            map.forEach((key, value) -> profile.put(String.valueOf(key), value));
        }
        profile.values().removeIf(Objects::isNull);
        return profile;
    }

    /** Nested objects and lists as JSON text, as RudderStack sends them; subscription groups as they are. */
    private Map<String, Object> stringified(Map<String, Object> values) {
        Map<String, Object> result = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if ((value instanceof Map<?, ?> || value instanceof List<?>)
                && !SegmentTraits.SUBSCRIPTION_GROUPS.contains(key)) {
                try {
                    result.put(key, objectMapper.writeValueAsString(value));
                } catch (JsonProcessingException e) {
                    throw new CleverTapMappingException("Segment mapping: " + key + " cannot be written as JSON",
                            key, key, LANGUAGE, e);
                }
            } else if (value != null) {
                result.put(key, value);
            }
        });
        return result;
    }

    private static Object firstValue(Map<String, Object> message, String... paths) {
        for (String path : paths) {
            Object value = at(message, path);
            if (value != null && !(value instanceof CharSequence text && text.toString().isBlank())) {
                return value;
            }
        }
        return null;
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

    private static Map<String, String> normalized(Map<String, String> base, Map<String, String> overrides) {
        Map<String, String> table = new LinkedHashMap<>();
        base.forEach((segment, clevertap) -> table.put(key(segment), clevertap));
        overrides.forEach((segment, clevertap) -> table.put(key(segment), clevertap));
        return Collections.unmodifiableMap(table);
    }

    private void updateLookup() {
        this.lookup = normalized(rudderstack ? RUDDERSTACK_EVENT_NAMES : DEFAULT_EVENT_NAMES, eventNames);
    }

    private static List<String> paths(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(path -> !path.isEmpty()).toList();
    }

    public String getPreset() {
        return rudderstack ? RUDDERSTACK_PRESET : DEFAULT_PRESET;
    }

    /**
     * How messages are mapped: `default` (every CleverTap standard field, Datafly Signal's event names) or
     * `rudderstack` (records shaped as RudderStack's CleverTap destination shapes them). Blank for `default`.
     */
    public void setPreset(String preset) {
        String name = preset == null || preset.isBlank() ? DEFAULT_PRESET : preset.strip().toLowerCase(Locale.ROOT);
        if (!PRESETS.contains(name)) {
            throw new IllegalArgumentException("preset '" + preset + "' is not known: use one of " + PRESETS);
        }
        this.rudderstack = RUDDERSTACK_PRESET.equals(name);
        updateLookup();
    }

    public String getIdentity() {
        return String.join(",", identityPaths());
    }

    /**
     * The message paths that give the `identity`, comma-separated, first with a value wins, such as
     * `userId,traits.email,context.traits.email`. Blank for the preset's (`userId`; for `rudderstack` also
     * `traits.userId`, `traits.id`, `context.traits.userId`, `context.traits.id` and `anonymousId`), `none` for none
     * (only `objectId`).
     */
    public void setIdentity(String identity) {
        if (identity == null || identity.isBlank()) {
            this.identityPaths = null;
        } else {
            this.identityPaths = NONE.equalsIgnoreCase(identity.strip()) ? List.of() : paths(identity);
        }
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
     * The event names added to or overriding the preset's table: Segment name to CleverTap name.
     */
    public Map<String, String> getEventNames() {
        return Collections.unmodifiableMap(eventNames);
    }

    /**
     * Event names to add to or override in the preset's table, as a JSON object of Segment name to CleverTap name,
     * such as `{"Order Refunded": "Refunded", "Product Viewed": "Viewed"}`.
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
        updateLookup();
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

        /** The preset: `default` or `rudderstack`. */
        public Builder preset(String preset) {
            mapper.setPreset(preset);
            return this;
        }

        /** The message paths giving the `identity`, first with a value wins (none given: the preset's). */
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
            mapper.updateLookup();
            return mapper;
        }
    }
}
