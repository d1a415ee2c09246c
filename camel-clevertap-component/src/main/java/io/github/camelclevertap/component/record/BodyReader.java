package io.github.camelclevertap.component.record;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Turns a message body into records: a record as a `Map`, a POJO or a JSON object; many records as a `List`,
 * `Iterable`, `Iterator`, `Stream`, array, JSON array or newline-delimited JSON. JSON is read as a stream, one record
 * at a time.
 */
public final class BodyReader {

    private final ObjectReader reader;

    public BodyReader(ObjectMapper mapper) {
        this.reader = mapper.readerFor(Object.class);
    }

    public RecordInput read(Object body) throws IOException {
        if (body == null) {
            throw new IllegalArgumentException(
                    "The message body is empty: expected a record (a Map or a JSON object) or a List, Iterable,"
                                               + " Iterator or Stream of records");
        }
        if (body instanceof Map<?, ?>) {
            return new RecordInput(true, List.of(body).iterator(), null);
        }
        if (body instanceof JsonNode node) {
            return node.isArray()
                    ? new RecordInput(false, node.elements(), null)
                    : new RecordInput(true, List.of(node).iterator(), null);
        }
        if (body instanceof Iterable<?> iterable) {
            return new RecordInput(false, iterable.iterator(), null);
        }
        if (body instanceof Iterator<?> iterator) {
            return new RecordInput(false, iterator, null);
        }
        if (body instanceof Stream<?> stream) {
            return new RecordInput(false, stream.iterator(), stream);
        }
        if (body instanceof Object[] array) {
            return new RecordInput(false, Arrays.asList(array).iterator(), null);
        }
        if (body instanceof byte[] bytes) {
            return json(reader.readValues(bytes), firstChar(new String(bytes, 0, Math.min(bytes.length, 64),
                    StandardCharsets.UTF_8)), null);
        }
        if (body instanceof CharSequence text) {
            String json = text.toString();
            return json(reader.readValues(json), firstChar(json), null);
        }
        if (body instanceof InputStream stream) {
            BufferedInputStream buffered = new BufferedInputStream(stream);
            int first = firstByte(buffered);
            return json(reader.readValues(buffered), first, buffered);
        }
        if (body instanceof Reader text) {
            return json(reader.readValues(text), -1, text);
        }
        // a POJO: Jackson turns it into a record
        return new RecordInput(true, List.of(body).iterator(), null);
    }

    private static RecordInput json(MappingIterator<Object> values, int first, AutoCloseable resource)
            throws IOException {
        AutoCloseable close = resource != null ? resource : values;
        if (first == '[') {
            return new RecordInput(false, values, close);
        }
        if (!values.hasNextValue()) {
            throw new IllegalArgumentException("The message body holds no JSON record: it is empty or only"
                                               + " whitespace, but must be a JSON object, a JSON array of objects or"
                                               + " newline-delimited JSON objects");
        }
        Object head = values.nextValue();
        if (!values.hasNextValue()) {
            // the JSON literal null is a (null) record: the record factory rejects it with the rule it breaks
            return new RecordInput(true, Collections.singletonList(head).iterator(), close);
        }
        // newline-delimited JSON: put the first record back in front of the rest
        return new RecordInput(false, new Iterator<>() {
            private boolean headTaken;

            @Override
            public boolean hasNext() {
                return !headTaken || values.hasNext();
            }

            @Override
            public Object next() {
                if (!headTaken) {
                    headTaken = true;
                    return head;
                }
                return values.next();
            }
        }, close);
    }

    private static int firstChar(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && c != '\uFEFF') {
                return c;
            }
        }
        return -1;
    }

    private static int firstByte(BufferedInputStream in) throws IOException {
        in.mark(64);
        try {
            int c;
            while ((c = in.read()) != -1) {
                if (!Character.isWhitespace(c)) {
                    return c;
                }
            }
            return -1;
        } finally {
            in.reset();
        }
    }
}
