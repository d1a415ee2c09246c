package io.github.camelclevertap.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records accepted by the emulator, in arrival order across accounts, as plain immutable Java values
 * ({@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean}, {@code null}).
 * Without retention only the count is kept, for benchmarks that send millions of records.
 */
final class RecordStore {

    private record Stored(String accountId, Map<String, Object> record) {
    }

    private final boolean retain;
    private final List<Stored> records = new ArrayList<>();
    private final AtomicLong count = new AtomicLong();

    RecordStore(boolean retain) {
        this.retain = retain;
    }

    void addAll(String accountId, List<JsonNode> accepted) {
        if (retain) {
            List<Stored> converted = new ArrayList<>(accepted.size());
            for (JsonNode record : accepted) {
                converted.add(new Stored(accountId, asMap(record)));
            }
            // One lock per batch keeps a request's records next to each other.
            synchronized (records) {
                records.addAll(converted);
                count.addAndGet(converted.size());
            }
        } else {
            count.addAndGet(accepted.size());
        }
    }

    List<Map<String, Object>> all() {
        synchronized (records) {
            List<Map<String, Object>> copy = new ArrayList<>(records.size());
            records.forEach(stored -> copy.add(stored.record()));
            return Collections.unmodifiableList(copy);
        }
    }

    List<Map<String, Object>> forAccount(String accountId) {
        synchronized (records) {
            List<Map<String, Object>> copy = new ArrayList<>();
            for (Stored stored : records) {
                if (stored.accountId().equals(accountId)) {
                    copy.add(stored.record());
                }
            }
            return Collections.unmodifiableList(copy);
        }
    }

    long count() {
        return count.get();
    }

    void clear() {
        synchronized (records) {
            records.clear();
            count.set(0);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(JsonNode object) {
        return (Map<String, Object>) toJava(object);
    }

    // Immutable so that callers can share what storedRecords() returns without copying.
    private static Object toJava(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                map.put(field.getKey(), toJava(field.getValue()));
            }
            return Collections.unmodifiableMap(map);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(toJava(element)));
            return Collections.unmodifiableList(list);
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return null;
    }
}
