package io.github.camelclevertap.component;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A bulk body made on demand, record by record, that counts how many records the producer has read.
 */
final class GeneratedRecords implements Iterator<Map<String, Object>> {

    private final int total;
    private final IntFunction<Map<String, Object>> record;
    private final AtomicInteger read = new AtomicInteger();

    GeneratedRecords(int total, IntFunction<Map<String, Object>> record) {
        this.total = total;
        this.record = record;
    }

    @Override
    public boolean hasNext() {
        return read.get() < total;
    }

    @Override
    public Map<String, Object> next() {
        return record.apply(read.getAndIncrement());
    }

    int read() {
        return read.get();
    }
}
