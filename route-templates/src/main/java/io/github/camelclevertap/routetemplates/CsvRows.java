package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV with a header row (RFC 4180), read so that a broken row costs that row only. Lines are gathered until their
 * quotes balance (a quoted value may span lines), then parsed with commons-csv. A row with the wrong number of values,
 * a quote that is never closed, or a line with invalid UTF-8 is reported as unreadable and reading goes on with the
 * next line; empty lines and rows of empty cells are skipped. Empty cells are left out of the row.
 */
final class CsvRows implements RowReader {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).setTrim(true).get();
    private static final String UNTERMINATED = "EOF reached before encapsulated token finished";

    private record Row(long line, Map<String, Object> values) {
    }

    private final Utf8Lines lines;
    private final Unreadable unreadable;
    private final int maxRecordChars;
    private final List<String> header;
    /** Lines read but not parsed yet: those after a broken row are parsed again on their own. */
    private final Deque<Utf8Lines.Line> pending = new ArrayDeque<>();
    private final Deque<Row> parsed = new ArrayDeque<>();
    private long line;

    /**
     * @param maxRecordChars the longest a row spanning several lines may be before its opening quote counts as
     *                       never closed
     */
    CsvRows(String name, Utf8Lines lines, Unreadable unreadable, int maxRecordChars) throws IOException {
        this.lines = lines;
        this.unreadable = unreadable;
        this.maxRecordChars = maxRecordChars;
        Utf8Lines.Line first = lines.next();
        if (first == null || first.problem() != null) {
            throw new IOException(name + " has no readable header row" + (first == null ? "" : ": " + first.problem()));
        }
        pending.add(first);
        List<Utf8Lines.Line> chunk = nextChunk();
        try (CSVParser parser = FORMAT.parse(new StringReader(text(chunk)))) {
            List<CSVRecord> names = parser.getRecords();
            if (names.size() != 1) {
                throw new IOException(name + " has no readable header row");
            }
            header = names.get(0).toList();
        }
        if (header.stream().anyMatch(String::isEmpty) || new HashSet<>(header).size() != header.size()) {
            throw new IOException(name + " has empty or repeated column names in its header: " + header);
        }
    }

    @Override
    public Map<String, Object> next() throws IOException {
        while (parsed.isEmpty()) {
            List<Utf8Lines.Line> chunk = nextChunk();
            if (chunk.isEmpty()) {
                return null;
            }
            parse(chunk);
        }
        Row row = parsed.poll();
        line = row.line();
        return row.values();
    }

    @Override
    public long line() {
        return line;
    }

    /** Lines up to where the quotes balance, at most maxRecordChars; lines with a problem are reported alone. */
    private List<Utf8Lines.Line> nextChunk() throws IOException {
        List<Utf8Lines.Line> chunk = new ArrayList<>();
        long quotes = 0;
        long chars = 0;
        while (true) {
            Utf8Lines.Line next = pending.isEmpty() ? lines.next() : pending.poll();
            if (next == null) {
                return chunk;
            }
            if (next.problem() != null) {
                if (chunk.isEmpty()) {
                    unreadable.line(next.number(), next.problem());
                    continue;
                }
                pending.addFirst(next); // ends the open row, which is then reported as unterminated
                return chunk;
            }
            chunk.add(next);
            quotes += next.text().chars().filter(c -> c == '"').count();
            chars += next.text().length();
            if (quotes % 2 == 0 || chars > maxRecordChars) {
                return chunk;
            }
        }
    }

    private void parse(List<Utf8Lines.Line> chunk) throws IOException {
        try (CSVParser parser = FORMAT.parse(new StringReader(text(chunk)))) {
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                int offset = (int) parser.getCurrentLineNumber();
                long start = chunk.get(Math.min(offset, chunk.size() - 1)).number();
                CSVRecord record;
                try {
                    // the iterator parses a record in hasNext: the line count before it is where the record starts
                    record = records.hasNext() ? records.next() : null;
                } catch (UncheckedIOException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    // commons-csv counts lines and positions within the gathered lines, not the file: leave them out
                    String message = String.valueOf(cause.getMessage())
                            .replaceFirst(" at line: \\d+, position: \\d+", "");
                    unreadable.line(start, message.contains(UNTERMINATED)
                            ? "unterminated quoted value: the quote opened in this row is never closed"
                            : "malformed CSV: " + message);
                    // the lines after the broken row's first one are read again as rows of their own
                    List<Utf8Lines.Line> rest = chunk.subList(Math.min(offset + 1, chunk.size()), chunk.size());
                    for (int i = rest.size() - 1; i >= 0; i--) {
                        pending.addFirst(rest.get(i));
                    }
                    return;
                }
                if (record == null) {
                    return;
                }
                row(start, record);
            }
        }
    }

    private void row(long start, CSVRecord record) {
        boolean empty = record.stream().allMatch(String::isEmpty);
        if (empty) {
            return;
        }
        if (record.size() != header.size()) {
            unreadable.line(start, "the row has " + record.size() + " values, the header has " + header.size()
                                   + " columns");
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String value = record.get(i);
            if (!value.isEmpty()) {
                values.put(header.get(i), value);
            }
        }
        parsed.add(new Row(start, values));
    }

    private static String text(List<Utf8Lines.Line> chunk) {
        if (chunk.size() == 1) {
            return chunk.get(0).text();
        }
        StringBuilder text = new StringBuilder(chunk.get(0).text());
        for (int i = 1; i < chunk.size(); i++) {
            text.append(chunk.get(i - 1).terminator()).append(chunk.get(i).text());
        }
        return text.toString();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
