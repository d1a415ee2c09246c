package io.github.camelclevertap.routetemplates;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.component.CleverTapConstants;
import io.github.camelclevertap.component.CleverTapDeliveryException;
import io.github.camelclevertap.component.RejectedRecord;
import io.github.camelclevertap.component.UndeliveredRecord;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what became of a file's records once CleverTap answered for all of them, before the `file:` consumer moves
 * the file:
 * <ul>
 * <li>rejected records (locally or by CleverTap) and NDJSON lines that are not JSON objects go to
 * `<file>.rejected.ndjson`, one JSON line each with `line`, `index`, `code`, `error` and `record`, in the done folder
 * (or the error folder when the upload failed);</li>
 * <li>when the upload failed, the records CleverTap never answered for go to `<file>.undelivered.ndjson` in the error
 * folder, one record per line, ready to be moved back into the watched directory; the stored ones are not in it, so
 * nothing is sent twice. The failure is then thrown again, so the consumer moves the file to the error folder.</li>
 * </ul>
 */
public class RecordFileReport implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RecordFileReport.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private String directory;
    private String doneDirectory = ".done";
    private String errorDirectory = ".error";

    /** The watched directory. */
    public void setDirectory(String directory) {
        this.directory = directory;
    }

    /** The done folder, relative to the watched directory. */
    public void setDoneDirectory(String doneDirectory) {
        this.doneDirectory = doneDirectory;
    }

    /** The error folder, relative to the watched directory. */
    public void setErrorDirectory(String errorDirectory) {
        this.errorDirectory = errorDirectory;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failure == null) {
            failure = exchange.getException();
        }
        RecordFile records = exchange.getProperty(RecordFileReader.RECORD_FILE, RecordFile.class);
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        if (records != null) {
            records.close();
            name = records.name();
        }
        Path folder = Path.of(directory).resolve(failure == null ? doneDirectory : errorDirectory);
        Files.createDirectories(folder);

        List<?> rejected = exchange.getMessage().getHeader(CleverTapConstants.REJECTED_RECORDS, List.class);
        long rejectedCount = writeRejected(folder.resolve(name + ".rejected.ndjson"), records,
                rejected == null ? List.of() : rejected);
        Object processed = exchange.getMessage().getHeader(CleverTapConstants.PROCESSED);
        long read = records == null ? 0 : records.recordsRead();
        if (failure == null) {
            LOG.info("{}: {} records read, {} stored, {} rejected ({} records/s)", name, read, processed,
                    rejectedCount, records == null ? 0 : records.rate());
            return;
        }
        CleverTapDeliveryException delivery = failure instanceof CleverTapDeliveryException d ? d : null;
        long undelivered = 0;
        long unknown = 0;
        if (delivery != null) {
            undelivered = writeUndelivered(folder.resolve(name + ".undelivered.ndjson"),
                    delivery.getUndeliveredRecords());
            // CleverTap may hold these: kept apart, so sending the undelivered file again duplicates nothing
            if (!delivery.getUnknownRecords().isEmpty()) {
                unknown = writeUndelivered(folder.resolve(name + ".unknown.ndjson"), delivery.getUnknownRecords());
            }
        }
        LOG.warn("{}: upload failed after {} records read, {} stored, {} rejected, {} undelivered, {} of unknown"
                 + " outcome: {}",
                name, read, processed, rejectedCount, undelivered, unknown, failure.getMessage());
        exchange.setException(failure);
    }

    private static long writeRejected(Path target, RecordFile records, List<?> rejected) throws IOException {
        List<RecordFile.UnreadableLine> unreadable = records == null ? List.of() : records.unreadableLines();
        if (rejected.isEmpty() && unreadable.isEmpty()) {
            return 0;
        }
        long count = 0;
        try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            for (RecordFile.UnreadableLine line : unreadable) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("line", line.line());
                entry.put("code", 0);
                entry.put("error", line.error());
                out.write(JSON.writeValueAsString(entry));
                out.newLine();
                count++;
            }
            for (Object item : rejected) {
                if (item instanceof RejectedRecord r) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("line", records == null ? r.index() + 1 : records.lineOf(r.index()));
                    entry.put("index", r.index());
                    entry.put("code", r.code());
                    entry.put("error", r.error());
                    entry.put("record", r.record());
                    out.write(JSON.writeValueAsString(entry));
                    out.newLine();
                    count++;
                }
            }
        }
        return count;
    }

    private static long writeUndelivered(Path target, List<UndeliveredRecord> undelivered) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            for (UndeliveredRecord record : undelivered) {
                out.write(JSON.writeValueAsString(record.record()));
                out.newLine();
            }
        }
        return undelivered.size();
    }
}
