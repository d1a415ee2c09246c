package io.github.camelclevertap.routetemplates;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of one NDJSON, JSON-array or CSV file, read lazily one at a time: the `clevertap:` producer streams
 * such an `Iterator` body with a bounded read-ahead, so a file of any size uploads in bounded memory. It remembers
 * the line each record started on (only where it differs from the previous record's line plus one, so an ordinary
 * file costs nothing), counts the bytes read for the progress log, and keeps the lines that hold no readable record
 * (see {@link NdjsonRows}, {@link CsvRows}) as local rejections, so one broken line never stops the file.
 */
public final class RecordFile implements Iterator<Map<String, Object>>, Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(RecordFile.class);

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

    /** The longest line (or CSV row spanning lines) read, in bytes: a longer one is unreadable. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private final String name;
    private final long size;
    private final CountingStream counting;
    private final RowMapping mapping;
    private final long progressInterval;
    private final RowReader rows;
    private final TreeMap<Long, Long> lineJumps = new TreeMap<>();
    private final List<UnreadableLine> unreadable = new ArrayList<>();
    private final long started = System.nanoTime();

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
        RowReader.Unreadable report = (line, reason) -> unreadable.add(new UnreadableLine(line, reason));
        try {
            this.rows = open(name, counting, report);
        } catch (IOException | RuntimeException e) {
            counting.close();
            throw e;
        }
    }

    private static RowReader open(String name, InputStream in, RowReader.Unreadable report) throws IOException {
        if (name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return new CsvRows(name, new Utf8Lines(in, MAX_LINE_BYTES), report, MAX_LINE_BYTES);
        }
        BufferedInputStream buffered = new BufferedInputStream(in, 65536);
        buffered.mark(65536);
        int c;
        do {
            c = buffered.read();
        } while (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB || c == 0xBF);
        buffered.reset();
        return c == '['
                ? new JsonArrayRows(name, buffered)
                : new NdjsonRows(new Utf8Lines(buffered, MAX_LINE_BYTES), report);
    }

    public String name() {
        return name;
    }

    /** The 1-based line the record at this 0-based position started on. */
    public long lineOf(long recordIndex) {
        Map.Entry<Long, Long> jump = lineJumps.floorEntry(recordIndex);
        return jump == null ? recordIndex + 1 : jump.getValue() + (recordIndex - jump.getKey());
    }

    /**
     * Lines that hold no readable record (invalid UTF-8 or JSON, broken CSV rows) read since the last call, in file
     * order: those before the last record handed out, and those after it that {@link #hasNext()} read past.
     */
    public List<UnreadableLine> takeUnreadableLines() {
        List<UnreadableLine> taken = List.copyOf(unreadable);
        unreadable.clear();
        return taken;
    }

    /** Reads past the first {@code records} records without handing them out, for a resumed file. */
    void skip(long records) {
        while (index < records && hasNext()) {
            next();
        }
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
        Map<String, Object> row = rows.next();
        if (row == null) {
            return null;
        }
        nextLine = rows.line();
        return mapping.apply(row);
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
            rows.close();
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
