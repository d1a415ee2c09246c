package io.github.camelclevertap.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The records every case sends: a CleverTap event of about 150 bytes of JSON, made on demand from its index so that
 * no case holds its whole input in memory and every case sends the same bytes.
 */
final class Records {

    /** 2023-11-14T22:13:20Z: a fixed base so runs are repeatable. */
    private static final long BASE_EPOCH_SECONDS = 1_700_000_000L;

    private Records() {
    }

    static Map<String, Object> event(long index) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Product ID", "P-" + (index % 5000));
        data.put("Price", 19.99);
        data.put("Page", "/products/" + (index % 5000));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", "event");
        record.put("identity", "user-" + index);
        record.put("ts", BASE_EPOCH_SECONDS + index % 86_400);
        record.put("evtName", "Product Viewed");
        record.put("evtData", data);
        return record;
    }
}
