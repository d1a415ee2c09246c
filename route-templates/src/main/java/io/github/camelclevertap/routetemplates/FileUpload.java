package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.component.CleverTapConstants;
import io.github.camelclevertap.component.CleverTapDeliveryException;
import io.github.camelclevertap.component.RejectedRecord;
import io.github.camelclevertap.component.UndeliveredRecord;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upload of one file in progress, resumable after a crash. The file's records go to the sink in chunks, one
 * exchange each (this is the `Iterator` of chunks the Kamelet splits, in parallel): at most {@link #CHUNKS_IN_FLIGHT}
 * chunks are read and sent ahead of the last progress written, so the sink's window stays nearly full
 * while a crash can send at most that many records twice. As chunks are answered, in file order, their rejected, undelivered and unknown records are
 * appended to the outputs beside the file ({@link SideFile}), forced to disk, and then the {@link FileProgress} is
 * written; a file start-up found in progress resumes after the records it lists, and one whose outcome was decided
 * before the crash only finishes moving its outputs, sending nothing.
 */
public final class FileUpload implements Iterator<List<Map<String, Object>>> {

    private static final Logger LOG = LoggerFactory.getLogger(FileUpload.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Chunks sent ahead of the last progress written: the window is cut in that many, sent concurrently. */
    static final int CHUNKS_IN_FLIGHT = 5;

    static final String REJECTED = ".rejected.ndjson";
    static final String UNDELIVERED = ".undelivered.ndjson";
    static final String UNKNOWN = ".unknown.ndjson";

    /** A chunk handed to the sink and not yet written down. */
    private record Chunk(long first, List<Map<String, Object>> records, long lastLine,
                         List<RecordFile.UnreadableLine> unreadable) {
    }

    private final RecordFile records;
    private final Path file;
    private final int chunkSize;
    private final Semaphore permits = new Semaphore(CHUNKS_IN_FLIGHT);
    private final SideFile rejected;
    private final SideFile undelivered;
    private final SideFile unknown;
    private final long resumedAt;
    private final long skipLinesThrough;
    /** The outcome decided by the run before the crash: nothing left to send. */
    private final String decided;
    /** Whether the route is stopping: reading then ends, and the file stays in progress to be resumed. */
    private final BooleanSupplier stopping;
    /** Whether this replica lost leadership: the file is then the new leader's, this upload writes nothing more. */
    private final BooleanSupplier leadershipLost;
    private final Runnable onStop;

    // the reading side: the split's thread, one call at a time
    private boolean ended;
    private volatile boolean stopped;
    private volatile RuntimeException readFailure;
    private int handedOut;

    // the answering side: the sink's completion threads, under this
    private final Map<Integer, Chunk> inFlight = new HashMap<>();
    private final Map<Integer, Exchange> answered = new HashMap<>();
    private int nextToWrite;
    /** The first chunk whose outcome could not be written, or -1: no outcome is written after it. */
    private int brokenAt = -1;
    private FileProgress progress;
    private Exception failure;
    private boolean finished;
    private Exception fileFailure;
    /** Latched once leadership was seen lost: no output, progress or move is written for the file from then on. */
    private volatile boolean handedOver;
    private boolean onStopRan;

    private FileUpload(RecordFile records, Path file, int chunkSize, FileProgress progress, BooleanSupplier stopping,
                       BooleanSupplier leadershipLost, Runnable onStop) throws IOException {
        this.stopping = stopping;
        this.leadershipLost = leadershipLost;
        this.onStop = onStop;
        this.records = records;
        this.file = file;
        this.chunkSize = chunkSize;
        this.progress = progress;
        this.rejected = SideFile.resume(output(file, REJECTED), progress.rejectedBytes());
        this.undelivered = SideFile.resume(output(file, UNDELIVERED), progress.undeliveredBytes());
        this.unknown = SideFile.resume(output(file, UNKNOWN), progress.unknownBytes());
        this.resumedAt = progress.records();
        this.skipLinesThrough = progress.line();
        this.decided = progress.outcome();
    }

    /**
     * Opens {@code file} (in the in-progress folder) for upload: after the records its progress file lists when
     * start-up found it in progress (the progress is {@link FileProgress#resumable() marked}) and it did not change
     * since; from its first record otherwise, any progress left beside it deleted.
     *
     * @param window the records sent ahead of the last progress written
     */
    static FileUpload open(Path file, RecordFile.RowMapping mapping, long progressInterval, int window)
            throws IOException {
        return open(file, mapping, progressInterval, window, () -> false, () -> false, () -> { });
    }

    /**
     * As {@link #open(Path, RecordFile.RowMapping, long, int)}; reading ends once {@code stopping} says the route
     * stops (or the reading thread is interrupted), {@code onStop} runs, and the file is then left in progress, to be
     * resumed. Once {@code leadershipLost} says this replica's consumer stopped because another replica leads (a
     * clustered source), the upload {@link #handedOver() is handed over}: it writes nothing more for the file.
     */
    static FileUpload open(Path file, RecordFile.RowMapping mapping, long progressInterval, int window,
                           BooleanSupplier stopping, BooleanSupplier leadershipLost, Runnable onStop)
            throws IOException {
        long size = Files.size(file);
        long modified = Files.getLastModifiedTime(file).toMillis();
        String fingerprint = FileProgress.fingerprint(file, size);
        String name = file.getFileName().toString();
        Path progressFile = FileProgress.of(file);
        FileProgress saved;
        try {
            saved = FileProgress.read(progressFile);
        } catch (IOException e) {
            LOG.warn("{}: its progress file cannot be read ({}): sending it from the start", name, e.getMessage());
            saved = null;
        }
        if (saved != null && !saved.resumable()) {
            // left by an earlier file of that name that finished, or failed, before its progress was deleted
            LOG.warn("{}: a progress file beside it was not left by a file in progress at start-up: sending it from"
                     + " the start", name);
            saved = null;
        }
        if (saved != null && !saved.belongsTo(size, modified, fingerprint)) {
            LOG.warn("{} changed while in progress (size {} bytes, modified {}; its progress was written for {} bytes,"
                     + " modified {}, or other content): sending it from the start", name, size, modified,
                    saved.size(), saved.modified());
            saved = null;
        }
        FileProgress progress;
        if (saved != null) {
            // resumed once: a progress this run leaves behind is never taken for a later file's
            progress = saved.resumable(false);
            progress.write(progressFile);
        } else {
            progress = FileProgress.start(size, modified, fingerprint);
            FileProgress.delete(file);
        }
        RecordFile records = new RecordFile(file, mapping, progressInterval);
        try {
            if (progress.outcome() != null) {
                LOG.info("{}: its outcome ({}) was decided before the crash, after record {}: nothing left to send",
                        name, progress.outcome(), progress.records());
            } else if (progress.records() > 0) {
                records.skip(progress.records());
                LOG.info("{}: resuming after record {} (line {}): {} stored, {} rejected, {} undelivered, {} of unknown"
                         + " outcome before", name, progress.records(), progress.line(), progress.stored(),
                        progress.rejected(), progress.undelivered(), progress.unknown());
            }
            return new FileUpload(records, file, Math.max(1, window / CHUNKS_IN_FLIGHT), progress, stopping,
                    leadershipLost, onStop);
        } catch (IOException | RuntimeException e) {
            records.close();
            throw e;
        }
    }

    static Path output(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    RecordFile records() {
        return records;
    }

    /** Whether the file holds records after those handed out; false after a read failure, and once stopped. */
    @Override
    public boolean hasNext() {
        if (decided != null) {
            return false;
        }
        if (ended) {
            return false;
        }
        try {
            ended = !records.hasNext();
        } catch (RuntimeException e) {
            readFailure = e;
            ended = true;
        }
        return !ended;
    }

    private boolean acquire() {
        try {
            while (!stopping.getAsBoolean() && !broken()) {
                if (permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    if (!broken()) {
                        return true;
                    }
                    permits.release();
                }
            }
        } catch (InterruptedException e) {
            // the stop interrupts the split: ending the iterator here lets the chunks in flight be answered and
            // written; the interruption is handled, not passed on to the split waiting for them
            LOG.debug("{}: interrupted while waiting for earlier chunks", records.name());
        }
        if (!broken()) {
            stopped = true;
            runOnStop();
            LOG.warn("{}: the route is stopping: no records sent after record {}; the file stays in progress, to be"
                     + " resumed after its progress at the next start", records.name(), records.recordsRead());
        }
        return false;
    }

    private synchronized void runOnStop() {
        if (!onStopRan) {
            onStopRan = true;
            onStop.run();
        }
    }

    /**
     * Whether this replica lost leadership while uploading the file: the new leader resumes it from the last progress
     * written (the records of the chunks still in flight here are sent again: at most the resumeWindow), so from
     * then on this upload writes nothing for the file, neither outputs nor progress, and does not move it (the
     * `file:` consumer's completion is taken off, as for a stop). Latched: once handed over, always.
     */
    boolean handedOver() {
        if (!handedOver && leadershipLost.getAsBoolean()) {
            handedOver = true;
            LOG.warn("{}: this replica lost leadership: the file is left to the new leader, which resumes it after"
                     + " record {}; the answers of the chunks still in flight here are not written",
                    records.name(), progressWritten());
        }
        return handedOver;
    }

    private synchronized long progressWritten() {
        return progress.records();
    }

    /**
     * As {@link #handedOver()}, and if so takes the `file:` consumer's completion off the exchange (once): to be
     * called on the thread of the file's exchange.
     */
    boolean leaveToTheNewLeader() {
        if (!handedOver()) {
            return false;
        }
        runOnStop();
        return true;
    }

    private synchronized boolean broken() {
        return brokenAt >= 0;
    }

    /** Whether reading ended because the route stopped: the file is left in progress, to be resumed. */
    boolean stopped() {
        return stopped;
    }

    /**
     * The next chunk of records, read once fewer than {@link #CHUNKS_IN_FLIGHT} chunks wait for their progress to be
     * written: blocks until then. Null when the route stopped, or the thread was interrupted, meanwhile: the Camel
     * splitter skips a null part, and {@link #hasNext()} is then false ({@link #stopped()}).
     */
    @Override
    public List<Map<String, Object>> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (!acquire()) {
            ended = true;
            return null;
        }
        long first = records.recordsRead();
        List<Map<String, Object>> chunk = new ArrayList<>(chunkSize);
        try {
            while (chunk.size() < chunkSize && records.hasNext()) {
                chunk.add(records.next());
            }
        } catch (RuntimeException e) {
            // the records before the broken place go; the file then fails
            readFailure = e;
            ended = true;
        }
        long lastLine = chunk.isEmpty() ? 0 : records.lineOf(first + chunk.size() - 1);
        List<RecordFile.UnreadableLine> unreadable = unreadableAfterResume();
        synchronized (this) {
            inFlight.put(handedOut++, new Chunk(first, chunk, lastLine, unreadable));
        }
        return chunk;
    }

    private List<RecordFile.UnreadableLine> unreadableAfterResume() {
        List<RecordFile.UnreadableLine> lines = records.takeUnreadableLines();
        return lines.stream().filter(line -> line.line() > skipLinesThrough).toList();
    }

    /**
     * The sink answered for the chunk of this split exchange (or failed it): once every chunk before it is answered
     * too, their outcomes are written beside the file and the progress after them.
     */
    void answered(Exchange exchange) {
        int number = exchange.getProperty(Exchange.SPLIT_INDEX, Integer.class);
        synchronized (this) {
            if (handedOver()) {
                // the new leader resumed (or resumes) the file from the last progress: this answer is not written
                answered.clear();
                permits.release(CHUNKS_IN_FLIGHT);
                return;
            }
            answered.put(number, exchange);
            int before = nextToWrite;
            try {
                while (brokenAt < 0 && answered.containsKey(nextToWrite) && !handedOver()) {
                    write(inFlight.get(nextToWrite), answered.get(nextToWrite));
                    inFlight.remove(nextToWrite);
                    answered.remove(nextToWrite);
                    nextToWrite++;
                }
                if (nextToWrite > before) {
                    rejected.force();
                    undelivered.force();
                    unknown.force();
                    if (!handedOver()) {
                        progress.write(FileProgress.of(file));
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("{}: could not write the outcome of records {} to {}: the file will fail", records.name(),
                        progress.records(), progress.records() + chunkSize, e);
                failure = failure != null ? failure : e;
                if (brokenAt < 0) {
                    // no outcome is written after this chunk: reading ends, and finish lists what is left
                    brokenAt = nextToWrite;
                    permits.release(CHUNKS_IN_FLIGHT);
                }
            } finally {
                permits.release(nextToWrite - before);
            }
        }
    }

    private void write(Chunk chunk, Exchange exchange) throws IOException {
        Exception exception = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (exception == null) {
            exception = exchange.getException();
        }
        List<?> rejections = exchange.getMessage().getHeader(CleverTapConstants.REJECTED_RECORDS, List.class);
        List<?> notDelivered = exchange.getMessage().getHeader(CleverTapConstants.UNDELIVERED_RECORDS, List.class);
        List<?> unknownOutcome = exchange.getMessage().getHeader(CleverTapConstants.UNKNOWN_RECORDS, List.class);
        Integer processed = exchange.getMessage().getHeader(CleverTapConstants.PROCESSED, Integer.class);
        long stored = processed == null ? 0 : processed;

        List<String> rejectedLines = new ArrayList<>();
        for (RecordFile.UnreadableLine line : chunk.unreadable()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("line", line.line());
            entry.put("code", 0);
            entry.put("error", line.error());
            rejectedLines.add(JSON.writeValueAsString(entry));
        }
        boolean[] accounted = new boolean[chunk.records().size()];
        for (Object item : rejections == null ? List.of() : rejections) {
            if (item instanceof RejectedRecord r) {
                long index = chunk.first() + r.index();
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("line", records.lineOf(index));
                entry.put("index", index);
                entry.put("code", r.code());
                entry.put("error", r.error());
                entry.put("record", r.record());
                rejectedLines.add(JSON.writeValueAsString(entry));
                accounted[(int) r.index()] = true;
            }
        }
        List<String> undeliveredLines = lines(notDelivered, accounted);
        List<String> unknownLines = lines(unknownOutcome, accounted);
        if (exception instanceof CleverTapDeliveryException delivery && delivery.getFirstUnreadIndex() >= 0) {
            // the sink stopped before reading these: never sent
            for (long i = delivery.getFirstUnreadIndex(); i < accounted.length; i++) {
                if (!accounted[(int) i]) {
                    undeliveredLines.add(JSON.writeValueAsString(chunk.records().get((int) i)));
                }
            }
        } else if (exception != null && !(exception instanceof CleverTapDeliveryException)) {
            LOG.warn("{}: records {} to {} failed: {}", records.name(), chunk.first(),
                    chunk.first() + chunk.records().size() - 1, exception.getMessage());
            failure = failure != null ? failure : exception;
            if (stored == 0) {
                for (int i = 0; i < accounted.length; i++) {
                    if (!accounted[i]) {
                        undeliveredLines.add(JSON.writeValueAsString(chunk.records().get(i)));
                    }
                }
            }
        }
        rejected.append(rejectedLines);
        undelivered.append(undeliveredLines);
        unknown.append(unknownLines);
        progress = progress.after(chunk.first() + chunk.records().size(),
                Math.max(chunk.lastLine(), chunk.unreadable().isEmpty() ? 0
                        : chunk.unreadable().get(chunk.unreadable().size() - 1).line()),
                progress.stored() + stored, progress.rejected() + rejectedLines.size(),
                progress.undelivered() + undeliveredLines.size(), progress.unknown() + unknownLines.size(),
                rejected.length(), undelivered.length(), unknown.length());
    }

    private static List<String> lines(List<?> records, boolean[] accounted) throws JsonProcessingException {
        List<String> lines = new ArrayList<>();
        for (Object item : records == null ? List.of() : records) {
            if (item instanceof UndeliveredRecord r) {
                lines.add(JSON.writeValueAsString(r.record()));
                if (r.index() >= 0 && r.index() < accounted.length) {
                    accounted[(int) r.index()] = true;
                }
            }
        }
        return lines;
    }

    /**
     * Every chunk was answered: writes the unreadable lines after the last record, decides the file's outcome and
     * writes it into the progress, moves the outputs into the done or the error folder and says what failed, if
     * anything. For a file whose outcome the run before the crash decided, only the moves are left: to the same
     * folder, with the same outcome.
     *
     * @return the failure of the file, or null when every record was stored or rejected
     */
    synchronized Exception finish(Exception routeFailure, Path doneFolder, Path errorFolder) throws IOException {
        if (finished) {
            return fileFailure;
        }
        if (handedOver()) {
            throw new HandedOverException(records.name());
        }
        finished = true;
        if (decided != null) {
            fileFailure = decided.equals(FileProgress.FAILED)
                    ? new IOException(records.name() + " failed in an earlier run, which stopped before moving it: its"
                                      + " outputs are in " + errorFolder)
                    : routeFailure;
        } else {
            List<RecordFile.UnreadableLine> trailing = unreadableAfterResume();
            if (!trailing.isEmpty()) {
                List<String> lines = new ArrayList<>();
                for (RecordFile.UnreadableLine line : trailing) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("line", line.line());
                    entry.put("code", 0);
                    entry.put("error", line.error());
                    lines.add(JSON.writeValueAsString(entry));
                }
                rejected.append(lines);
                rejected.force();
                progress = progress.after(progress.records(), trailing.get(trailing.size() - 1).line(),
                        progress.stored(), progress.rejected() + lines.size(), progress.undelivered(),
                        progress.unknown(), rejected.length(), undelivered.length(), unknown.length());
            }
            if (brokenAt >= 0) {
                listUnwritten();
            }
            fileFailure = failure;
            if (fileFailure == null && readFailure != null) {
                fileFailure = new IOException("Could not read " + records.name() + " after record "
                                              + progress.records() + ": " + readFailure.getMessage(), readFailure);
            }
            if (fileFailure == null && progress.undelivered() + progress.unknown() > 0) {
                fileFailure = new IOException((progress.undelivered() + progress.unknown()) + " records of "
                                              + records.name() + " were not delivered to CleverTap ("
                                              + progress.unknown() + " of them may have been stored)");
            }
            if (fileFailure == null) {
                fileFailure = routeFailure;
            }
            // before the outputs move: a crash from here on resends nothing, and ends the file the same way
            progress = progress.decided(fileFailure != null);
            if (handedOver()) {
                finished = false;
                throw new HandedOverException(records.name());
            }
            progress.write(FileProgress.of(file));
        }
        Path folder = fileFailure == null ? doneFolder : errorFolder;
        Files.createDirectories(folder);
        rejected.moveTo(folder);
        undelivered.moveTo(folder);
        unknown.moveTo(folder);
        return fileFailure;
    }

    /**
     * After an outcome could not be written: the records of the chunks from there on, answered or not, are listed as
     * of unknown outcome, and the records never read as undelivered, so the file fails with every record listed.
     */
    private void listUnwritten() throws IOException {
        List<String> unknownLines = new ArrayList<>();
        long after = progress.records();
        for (int n = brokenAt; n < handedOut; n++) {
            Chunk chunk = inFlight.remove(n);
            for (Map<String, Object> record : chunk.records()) {
                unknownLines.add(JSON.writeValueAsString(record));
            }
            after = chunk.first() + chunk.records().size();
        }
        unknown.append(unknownLines);
        long undeliveredCount = 0;
        List<String> undeliveredLines = new ArrayList<>();
        try {
            while (records.hasNext()) {
                undeliveredLines.add(JSON.writeValueAsString(records.next()));
                after++;
                if (undeliveredLines.size() == chunkSize || !records.hasNext()) {
                    undelivered.append(undeliveredLines);
                    undeliveredCount += undeliveredLines.size();
                    undeliveredLines.clear();
                }
            }
        } catch (RuntimeException e) {
            readFailure = readFailure != null ? readFailure : e;
        }
        undelivered.append(undeliveredLines);
        undeliveredCount += undeliveredLines.size();
        unknown.force();
        undelivered.force();
        progress = progress.after(after, progress.line(), progress.stored(), progress.rejected(),
                progress.undelivered() + undeliveredCount, progress.unknown() + unknownLines.size(),
                rejected.length(), undelivered.length(), unknown.length());
    }

    /** {@link #finish} found the upload {@link #handedOver() handed over}: nothing written, nothing moved. */
    static final class HandedOverException extends IllegalStateException {

        HandedOverException(String name) {
            super(name + " was handed over to the new leader (leadership lost): not finished here");
        }
    }

    /** Whether {@link #finish} ran. */
    synchronized boolean finished() {
        return finished;
    }

    /** The progress written last. */
    synchronized FileProgress progress() {
        return progress;
    }

    /** Records read before this run: resumed after them. */
    long resumedAt() {
        return resumedAt;
    }

    void close() {
        records.close();
        try {
            rejected.close();
            undelivered.close();
            unknown.close();
        } catch (IOException e) {
            LOG.debug("Could not close the outputs of {}", records.name(), e);
        }
    }
}
