package io.github.camelclevertap.routetemplates;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of one NDJSON, JSON-array or CSV file, read lazily one at a time: the `clevertap:` producer streams
 * such an `Iterator` body with a bounded read-ahead, so a file of any size uploads in bounded memory. It remembers
 * the line each record started on (only where it differs from the previous record's line plus one, so an ordinary
 * file costs nothing), counts the bytes read for the progress log, and keeps the NDJSON lines that are not JSON
 * objects as local rejections.
 */
public final class RecordFile implements Iterator<Map<String, Object>>, Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(RecordFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** A line that could not be read as a record: never sent. */
    public record UnreadableLine(long line, String error) {
    }

    /** How a row becomes a record. */
    public record RowMapping(String type, String identityColumn, String eventNameColumn, String eventName) {

        Map<String, Object> apply(Map<String, Object> row) {
            if (identityColumn == null || row.containsKey("profileData") || row.containsKey("evtData")) {
                return row; // a full CleverTap record, or properties the component wraps itself
            }
            Map<String, Object> data = new LinkedHashMap<>(row);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("type", type);
            Object identity = data.remove(identityColumn);
            if (identity != null) {
                record.put("identity", identity);
            }
            if ("event".equals(type)) {
                Object name = eventNameColumn != null ? data.remove(eventNameColumn) : eventName;
                if (name != null) {
                    record.put("evtName", name);
                }
                record.put("evtData", data);
            } else {
                record.put("profileData", data);
            }
            return record;
        }
    }

    private enum Format { NDJSON, JSON_ARRAY, CSV }

    private final String name;
    private final long size;
    private final CountingStream counting;
    private final RowMapping mapping;
    private final long progressInterval;
    private final Format format;
    private final TreeMap<Long, Long> lineJumps = new TreeMap<>();
    private final java.util.List<UnreadableLine> unreadable = new java.util.ArrayList<>();
    private final long started = System.nanoTime();

    private BufferedReader lines;
    private long lineNumber;
    private JsonParser parser;
    private CSVParser csv;
    private Iterator<CSVRecord> rows;

    private Map<String, Object> next;
    private long nextLine;
    private long index;
    private long lastLine;
    private long lastProgress = System.nanoTime();

    public RecordFile(Path file, RowMapping mapping, long progressInterval) throws IOException {
        this.name = file.getFileName().toString();
        this.size = Files.size(file);
        this.counting = new CountingStream(Files.newInputStream(file));
        this.mapping = mapping;
        this.progressInterval = progressInterval;
        String lower = name.toLowerCase(Locale.ROOT);
        InputStreamReader reader = new InputStreamReader(counting, StandardCharsets.UTF_8);
        if (lower.endsWith(".csv")) {
            format = Format.CSV;
            csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(false)
                    .setTrim(true).get().parse(reader);
            rows = csv.iterator();
        } else {
            BufferedReader buffered = new BufferedReader(reader, 65536);
            buffered.mark(65536);
            int c;
            do {
                c = buffered.read();
            } while (c != -1 && Character.isWhitespace(c));
            buffered.reset();
            if (c == '[') {
                format = Format.JSON_ARRAY;
                parser = JSON.createParser(buffered);
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    throw new IOException(name + " is not a JSON array");
                }
            } else {
                format = Format.NDJSON;
                lines = buffered;
            }
        }
    }

    public String name() {
        return name;
    }

    /** The 1-based line the record at this 0-based position started on. */
    public long lineOf(long recordIndex) {
        Map.Entry<Long, Long> jump = lineJumps.floorEntry(recordIndex);
        return jump == null ? recordIndex + 1 : jump.getValue() + (recordIndex - jump.getKey());
    }

    /** NDJSON lines that were not JSON objects, in file order. */
    public java.util.List<UnreadableLine> unreadableLines() {
        return unreadable;
    }

    /** Records handed out so far. */
    public long recordsRead() {
        return index;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = readNext();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + name + " at line " + (lastLine + 1), e);
            }
        }
        return next != null;
    }

    @Override
    public Map<String, Object> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Map<String, Object> record = next;
        next = null;
        if (nextLine != lineOf(index)) {
            lineJumps.put(index, nextLine);
        }
        lastLine = nextLine;
        index++;
        logProgress();
        return record;
    }

    private Map<String, Object> readNext() throws IOException {
        switch (format) {
            case CSV -> {
                Map<String, Object> values = new LinkedHashMap<>();
                long line;
                do {
                    // the line count before the iterator reads the record is the line its record starts after
                    // (empty lines are read as records, so they are counted too, and skipped here)
                    line = csv.getCurrentLineNumber() + 1;
                    if (!rows.hasNext()) {
                        return null;
                    }
                    rows.next().toMap().forEach((column, value) -> {
                        if (value != null && !value.isEmpty()) {
                            values.put(column, value);
                        }
                    });
                } while (values.isEmpty());
                // keep the header's column order
                Map<String, Object> ordered = new LinkedHashMap<>();
                for (String column : csv.getHeaderNames()) {
                    if (values.containsKey(column)) {
                        ordered.put(column, values.get(column));
                    }
                }
                nextLine = line;
                return mapping.apply(ordered);
            }
            case JSON_ARRAY -> {
                JsonToken token = parser.nextToken();
                if (token == null || token == JsonToken.END_ARRAY) {
                    return null;
                }
                if (token != JsonToken.START_OBJECT) {
                    throw new IOException("element " + (index + 1) + " of the JSON array is not an object");
                }
                nextLine = parser.currentTokenLocation().getLineNr();
                return mapping.apply(parser.readValueAs(MAP));
            }
            default -> {
                String line;
                while ((line = lines.readLine()) != null) {
                    lineNumber++;
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        Map<String, Object> row = JSON.readValue(line, MAP);
                        if (row != null) {
                            nextLine = lineNumber;
                            return mapping.apply(row);
                        }
                        unreadable.add(new UnreadableLine(lineNumber, "not a JSON object"));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        unreadable.add(new UnreadableLine(lineNumber, "not a JSON object: "
                                                                      + e.getOriginalMessage()));
                    }
                }
                return null;
            }
        }
    }

    private void logProgress() {
        long now = System.nanoTime();
        if (progressInterval > 0 && now - lastProgress >= progressInterval * 1_000_000L) {
            lastProgress = now;
            LOG.info("{}: {} records read ({}%), {} records/s", name, index, percent(), rate(now));
        }
    }

    String percent() {
        return size == 0 ? "100" : String.valueOf(Math.min(100, counting.count * 100 / size));
    }

    long rate(long now) {
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        return Math.round(index / seconds);
    }

    /** Records per second since the file was opened. */
    public long rate() {
        return rate(System.nanoTime());
    }

    @Override
    public void close() {
        try {
            if (csv != null) {
                csv.close();
            } else if (parser != null) {
                parser.close();
            } else if (lines != null) {
                lines.close();
            }
            counting.close();
        } catch (IOException e) {
            LOG.debug("Could not close {}", name, e);
        }
    }

    private static final class CountingStream extends FilterInputStream {

        volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
