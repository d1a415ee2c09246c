package io.github.camelclevertap.routetemplates;

import java.io.File;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the file a `file:` consumer picked up into a lazy `Iterator` of records ({@link RecordFile}) for the
 * `clevertap:` producer, and keeps it in the exchange property {@link #RECORD_FILE} for {@link RecordFileReport}.
 * The file is closed when the exchange completes, whatever happened.
 * <p>
 * As a service of its route it starts before the route's `file:` consumer: with {@link #setResumeInProgress(boolean)}
 * it then moves the files a crash left in the in-progress folder back into the watched directory, so they are sent
 * again from the start (at least once).
 */
public class RecordFileReader extends ServiceSupport implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RecordFileReader.class);

    /** The exchange property holding the {@link RecordFile} being uploaded. */
    public static final String RECORD_FILE = "CamelCleverTapRecordFile";

    private String type = "profile";
    private String identityColumn;
    private String eventNameColumn;
    private String eventName;
    private long progressInterval = 10_000;
    private String directory;
    private String inProgressDirectory = ".inprogress";
    private boolean resumeInProgress;

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
                // a file the previous run did not finish: its records before the crash are sent a second time
                Path target = watched.resolve(file.getFileName());
                if (Files.exists(target)) {
                    LOG.warn("{} was left in progress, but a file of that name is waiting in {}: it stays in {}",
                            file.getFileName(), watched, inProgress);
                    continue;
                }
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                LOG.warn("{} was left in progress by an earlier run: sending it again from the start",
                        file.getFileName());
            }
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        if ("event".equals(type) && identityColumn != null && eventNameColumn == null && eventName == null) {
            throw new IllegalStateException("events built from rows need eventNameColumn or eventName");
        }
        File file = exchange.getMessage().getBody(File.class);
        RecordFile records = new RecordFile(Path.of(file.getPath()),
                new RecordFile.RowMapping(type, identityColumn, eventNameColumn, eventName), progressInterval);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                records.close();
            }
        });
        exchange.setProperty(RECORD_FILE, records);
        exchange.getMessage().setBody(records);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
