package io.github.camelclevertap.emulator;

import io.github.camelclevertap.records.JsonValues;

import java.util.ArrayList;
import java.util.Collections;
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

    /** Stores records already converted by {@link JsonValues#toJava}, which makes them immutable. */
    void addAll(String accountId, List<Map<String, Object>> accepted) {
        if (retain) {
            List<Stored> converted = new ArrayList<>(accepted.size());
            for (Map<String, Object> record : accepted) {
                converted.add(new Stored(accountId, record));
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
}
