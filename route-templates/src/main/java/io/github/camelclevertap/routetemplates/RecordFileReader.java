package io.github.camelclevertap.routetemplates;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.Ordered;
import org.apache.camel.Processor;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the file a `file:` consumer picked up (in the in-progress folder) into an `Iterator` of chunks of records
 * ({@link FileUpload}), resumed after the records its progress file lists, and keeps it in the exchange property
 * {@link #FILE_UPLOAD} for {@link RecordChunkReport} and {@link RecordFileReport}. The file is closed when the
 * exchange completes, whatever happened, and its progress file deleted once the file left the in-progress folder.
 * <p>
 * As a service of its route it starts before the route's `file:` consumer: with {@link #setResumeInProgress(boolean)}
 * it then moves the files a crash left in the in-progress folder back into the watched directory (not the progress
 * and outputs beside them), so they are picked up again and resumed.
 */
public class RecordFileReader extends ServiceSupport implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RecordFileReader.class);

    /** The exchange property holding the {@link RecordFile} being uploaded. */
    public static final String RECORD_FILE = "CamelCleverTapRecordFile";
    /** The exchange property holding the {@link FileUpload} of the file. */
    public static final String FILE_UPLOAD = "CamelCleverTapFileUpload";
    /** What the source writes beside a file in progress: never a file to upload. */
    private static final List<String> OUTPUTS = List.of(FileProgress.SUFFIX, FileProgress.SUFFIX + ".tmp",
            FileUpload.REJECTED, FileUpload.UNDELIVERED, FileUpload.UNKNOWN);

    private String type = "profile";
    private String identityColumn;
    private String eventNameColumn;
    private String eventName;
    private long progressInterval = 10_000;
    private String directory;
    private String inProgressDirectory = ".inprogress";
    private boolean resumeInProgress;
    private int resumeWindow = 15_000;

    /**
     * `profile` or `event`: the type of the records built from rows.
     */
    public void setType(String type) {
        String value = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
        if (!value.equals("profile") && !value.equals("event")) {
            throw new IllegalArgumentException("type must be profile or event, not '" + type + "'");
        }
        this.type = value;
    }

    /**
     * The column (or JSON key) giving the identity. Without it rows are sent as they are: full CleverTap records.
     */
    public void setIdentityColumn(String identityColumn) {
        this.identityColumn = blankToNull(identityColumn);
    }

    /**
     * The column giving the event name of each row.
     */
    public void setEventNameColumn(String eventNameColumn) {
        this.eventNameColumn = blankToNull(eventNameColumn);
    }

    /**
     * The event name of every row, when no column gives it.
     */
    public void setEventName(String eventName) {
        this.eventName = blankToNull(eventName);
    }

    /**
     * Milliseconds between two progress lines in the log; 0 for none.
     */
    public void setProgressInterval(long progressInterval) {
        this.progressInterval = progressInterval;
    }

    /**
     * The watched directory, where files left in progress are moved back to.
     */
    public void setDirectory(String directory) {
        this.directory = blankToNull(directory);
    }

    /**
     * The in-progress folder, relative to the watched directory.
     */
    public void setInProgressDirectory(String inProgressDirectory) {
        this.inProgressDirectory = blankToNull(inProgressDirectory);
    }

    /**
     * Whether to move the files left in the in-progress folder back into the watched directory at start-up.
     */
    public void setResumeInProgress(boolean resumeInProgress) {
        this.resumeInProgress = resumeInProgress;
    }

    /**
     * The most records sent ahead of the last progress written: what a crash may send twice. Sent in
     * {@value FileUpload#CHUNKS_IN_FLIGHT} concurrent chunks.
     */
    public void setResumeWindow(int resumeWindow) {
        if (resumeWindow < 1) {
            throw new IllegalArgumentException("resumeWindow must be at least 1, not " + resumeWindow);
        }
        this.resumeWindow = resumeWindow;
    }

    @Override
    protected void doStart() throws Exception {
        if (!resumeInProgress || directory == null || inProgressDirectory == null) {
            return;
        }
        Path watched = Path.of(directory);
        Path inProgress = watched.resolve(inProgressDirectory);
        if (!Files.isDirectory(inProgress)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(inProgress, Files::isRegularFile)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (OUTPUTS.stream().anyMatch(name::endsWith)) {
                    continue;
                }
                // a file the previous run did not finish: picked up again, it resumes after its progress
                Path target = watched.resolve(file.getFileName());
                if (Files.exists(target)) {
                    LOG.warn("{} was left in progress, but a file of that name is waiting in {}: it stays in {}",
                            file.getFileName(), watched, inProgress);
                    continue;
                }
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                LOG.warn("{} was left in progress by an earlier run: {}", file.getFileName(),
                        Files.exists(FileProgress.of(file)) ? "resuming it after its progress"
                                : "sending it again from the start");
            }
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        if ("event".equals(type) && identityColumn != null && eventNameColumn == null && eventName == null) {
            throw new IllegalStateException("events built from rows need eventNameColumn or eventName");
        }
        Path file = exchange.getMessage().getBody(File.class).toPath();
        FileUpload upload = FileUpload.open(file,
                new RecordFile.RowMapping(type, identityColumn, eventNameColumn, eventName), progressInterval,
                resumeWindow);
        exchange.getExchangeExtension().addOnCompletion(new Cleanup(file, upload));
        exchange.setProperty(RECORD_FILE, upload.records());
        exchange.setProperty(FILE_UPLOAD, upload);
        exchange.getMessage().setBody(upload);
    }

    /** Closes the file, and deletes its progress once the `file:` consumer moved it out of the in-progress folder. */
    private record Cleanup(Path file, FileUpload upload) implements Synchronization, Ordered {

        @Override
        public void onComplete(Exchange exchange) {
            done();
        }

        @Override
        public void onFailure(Exchange exchange) {
            done();
        }

        private void done() {
            upload.close();
            if (!Files.exists(file)) {
                try {
                    FileProgress.delete(file);
                } catch (IOException e) {
                    LOG.warn("Could not delete the progress of {}", file, e);
                }
            }
        }

        /** After the consumer's own completion, which moves the file. */
        @Override
        public int getOrder() {
            return Ordered.LOWEST;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
