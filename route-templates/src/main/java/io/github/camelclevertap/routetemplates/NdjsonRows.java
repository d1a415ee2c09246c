package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * One JSON object per line. Blank lines are skipped; a line with invalid UTF-8, invalid JSON, or JSON that is not an
 * object is reported as unreadable.
 */
final class NdjsonRows implements RowReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Utf8Lines lines;
    private final Unreadable unreadable;
    private long line;

    NdjsonRows(Utf8Lines lines, Unreadable unreadable) {
        this.lines = lines;
        this.unreadable = unreadable;
    }

    @Override
    public Map<String, Object> next() throws IOException {
        Utf8Lines.Line next;
        while ((next = lines.next()) != null) {
            if (next.problem() != null) {
                unreadable.line(next.number(), next.problem());
                continue;
            }
            if (next.text().isBlank()) {
                continue;
            }
            try {
                Map<String, Object> row = JSON.readValue(next.text(), MAP);
                if (row != null) {
                    line = next.number();
                    return row;
                }
                unreadable.line(next.number(), "not a JSON object: null");
            } catch (MismatchedInputException e) {
                unreadable.line(next.number(), "not a JSON object: " + e.getOriginalMessage());
            } catch (JsonProcessingException e) {
                unreadable.line(next.number(), "invalid JSON: " + e.getOriginalMessage());
            }
        }
        return null;
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
