package io.github.camelclevertap.routetemplates;

import java.nio.file.Path;

import io.github.camelclevertap.component.CleverTapConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the upload of a file once CleverTap answered for every chunk of it, before the `file:` consumer moves the file:
 * the outputs written beside it while it was in progress go with it, to the done folder, or to the error folder when
 * any record was not delivered:
 * <ul>
 * <li>`<file>.rejected.ndjson`: rejected records (locally or by CleverTap) and lines that hold no readable record,
 * one JSON line each with `line`, `index`, `code`, `error` and `record`;</li>
 * <li>`<file>.undelivered.ndjson`: the records CleverTap never answered for, one record per line, ready to be moved
 * back into the watched directory; the stored ones are not in it, so nothing is sent twice;</li>
 * <li>`<file>.unknown.ndjson`: the records whose outcome is unknown (CleverTap may hold them).</li>
 * </ul>
 * A failed file throws, so the consumer moves it to the error folder.
 */
public class RecordFileReport implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RecordFileReport.class);

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
        Exception routeFailure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (routeFailure == null) {
            routeFailure = exchange.getException();
        }
        FileUpload upload = exchange.getProperty(RecordFileReader.FILE_UPLOAD, FileUpload.class);
        if (upload == null) {
            if (routeFailure != null) {
                exchange.setException(routeFailure);
            }
            return;
        }
        if (!upload.finished() && upload.leaveToTheNewLeader()) {
            // leadership lost: the new leader resumes the file from its last progress; nothing is written or moved
            // here (the consumer's completion is taken off the exchange), and the route does not fail
            exchange.setException(null);
            return;
        }
        if (upload.stopped() && !upload.finished()) {
            // the route stops: the file stays in progress, with its progress, to be resumed at the next start (the
            // consumer's completion was taken off the exchange when reading stopped: see RecordFileReader)
            exchange.setException(null);
            return;
        }
        if (upload.finished()) {
            // the failure thrown below, caught by the Kamelet's doCatch
            exchange.setException(routeFailure);
            return;
        }
        Path watched = Path.of(directory);
        Exception failure;
        try {
            failure = upload.finish(routeFailure, watched.resolve(doneDirectory), watched.resolve(errorDirectory));
        } catch (FileUpload.HandedOverException e) {
            // leadership lost while finishing: as above
            upload.leaveToTheNewLeader();
            exchange.setException(null);
            return;
        }
        FileProgress progress = upload.progress();
        RecordFile records = upload.records();
        // the file's outcome, as the sink sets it on an exchange: its chunks went to the sink one exchange each
        long unprocessed = progress.records() - progress.stored();
        exchange.getMessage().setHeader(CleverTapConstants.STATUS,
                unprocessed == 0 && failure == null ? "success" : progress.stored() == 0 ? "fail" : "partial");
        exchange.getMessage().setHeader(CleverTapConstants.PROCESSED, (int) progress.stored());
        exchange.getMessage().setHeader(CleverTapConstants.UNPROCESSED, (int) unprocessed);
        String resumed = upload.resumedAt() > 0 ? " (resumed after record " + upload.resumedAt() + ")" : "";
        if (failure == null) {
            LOG.info("{}: {} records read{}, {} stored, {} rejected ({} records/s)", records.name(),
                    records.recordsRead(), resumed, progress.stored(), progress.rejected(), records.rate());
            return;
        }
        LOG.warn("{}: upload failed after {} records read{}, {} stored, {} rejected, {} undelivered, {} of unknown"
                 + " outcome: {}",
                records.name(), records.recordsRead(), resumed, progress.stored(), progress.rejected(),
                progress.undelivered(), progress.unknown(), failure.getMessage());
        exchange.setException(failure);
    }
}
