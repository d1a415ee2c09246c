package io.github.camelclevertap.routetemplates;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Ordered;
import org.apache.camel.Processor;
import org.apache.camel.StatefulService;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.DefaultExchange;
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
 * it then marks the progress of each file a crash left in the in-progress folder {@link FileProgress#resumable()
 * resumable} and moves the file back into the watched directory (not the progress and outputs beside it), so it is
 * picked up again and resumed. Only those files resume. A progress whose file is not in progress (it finished, or
 * failed, and the process died before the progress was deleted) is deleted, and any output left beside it goes to
 * the error folder, so a later file of the same name is sent whole and its outputs are its own.
 * <p>
 * With a cluster namespace the route runs on every replica but its consumer on the leader only: the resume then
 * happens when a replica's consumer starts as the leader ({@link LeaderResume}), so a replica starting never moves a
 * file the leader is uploading.
 */
public class RecordFileReader extends ServiceSupport implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RecordFileReader.class);

    /** The exchange property holding the {@link RecordFile} being uploaded. */
    public static final String RECORD_FILE = "CamelCleverTapRecordFile";
    /** The exchange property holding the {@link FileUpload} of the file. */
    public static final String FILE_UPLOAD = "CamelCleverTapFileUpload";
    /** What the source writes beside a file in progress: never a file to upload. */
    private static final List<String> BESIDE = List.of(FileProgress.SUFFIX, FileProgress.TEMPORARY_SUFFIX,
            FileUpload.REJECTED, FileUpload.UNDELIVERED, FileUpload.UNKNOWN);
    private static final List<String> OUTPUTS = List.of(FileUpload.REJECTED, FileUpload.UNDELIVERED,
            FileUpload.UNKNOWN);

    private String type = "profile";
    private String identityColumn;
    private String eventNameColumn;
    private String eventName;
    private long progressInterval = 10_000;
    private String directory;
    private String inProgressDirectory = ".inprogress";
    private String errorDirectory = ".error";
    private boolean resumeInProgress;
    private int resumeWindow = 15_000;
    private String clusterNamespace;
    private volatile Consumer leader;

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
     * The error folder, relative to the watched directory, where outputs left without their file go at start-up.
     */
    public void setErrorDirectory(String errorDirectory) {
        this.errorDirectory = errorDirectory == null || errorDirectory.isBlank() ? ".error" : errorDirectory.trim();
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

    /**
     * The namespace of the cluster view electing the one replica that reads the directory, or blank for none. When
     * set, the files left in progress are not touched at start-up (another replica may be uploading them) but by
     * {@link LeaderResume} when this replica's consumer starts as the leader, before its first poll.
     */
    public void setClusterNamespace(String clusterNamespace) {
        this.clusterNamespace = blankToNull(clusterNamespace);
    }

    boolean isClustered() {
        return clusterNamespace != null;
    }

    /**
     * The `file:` consumer this replica reads with as the leader; a file it uploads stops (and stays in progress,
     * for the next leader) once that consumer stops, as when leadership is lost.
     */
    void leading(Consumer consumer) {
        this.leader = consumer;
    }

    @Override
    protected void doStart() throws Exception {
        if (!isClustered()) {
            resumeLeftInProgress();
        }
    }

    /**
     * Moves the files a crash left in the in-progress folder back into the watched directory (with
     * {@link #setResumeInProgress(boolean)}), and clears what finished files left there.
     */
    void resumeLeftInProgress() throws IOException {
        if (directory == null || inProgressDirectory == null) {
            return;
        }
        Path watched = Path.of(directory);
        Path inProgress = watched.resolve(inProgressDirectory);
        if (!Files.isDirectory(inProgress)) {
            return;
        }
        Set<String> names = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(inProgress, Files::isRegularFile)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        }
        Set<String> files = new TreeSet<>();
        Set<String> owners = new TreeSet<>();
        for (String name : names) {
            String owner = ownerOf(name, names);
            if (owner != null) {
                owners.add(owner);
            } else {
                files.add(name);
            }
        }
        for (String owner : owners) {
            if (!files.contains(owner)) {
                leftWithoutItsFile(watched, inProgress, owner);
            }
        }
        for (String name : files) {
            Path file = inProgress.resolve(name);
            if (Files.exists(watched.resolve(name))) {
                file = moveAside(file);
            }
            if (resumeInProgress) {
                moveBack(watched, file);
            }
        }
    }

    /**
     * The file {@code name} was written beside, or null when it is a file to upload: a progress always has its owner,
     * an output only when its owner file or the owner's progress is there too (a data file may be named like an
     * output: `<file>.undelivered.ndjson` moved back to be sent again).
     */
    private static String ownerOf(String name, Set<String> names) {
        String written = FileProgress.ownerOfTemporary(name);
        if (written != null) {
            return written;
        }
        for (String suffix : BESIDE) {
            if (name.endsWith(suffix)) {
                String owner = name.substring(0, name.length() - suffix.length());
                if (!OUTPUTS.contains(suffix) || names.contains(owner) || names.contains(owner + FileProgress.SUFFIX)) {
                    return owner;
                }
            }
        }
        return null;
    }

    /**
     * A file left in progress whose namesake waits in the watched directory (the consumer would move that one over
     * it): renamed to `<base>.<millis>.<ext>` with its progress and outputs, progress first and the file last, so a
     * crash in between leaves a progress without its file (deleted, its file sent again from the start), never
     * outputs taken for a file to upload.
     */
    private static Path moveAside(Path file) throws IOException {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        Path aside = file.resolveSibling(base + "." + System.currentTimeMillis() + extension);
        for (int n = 1; Files.exists(aside) || Files.exists(FileProgress.of(aside)); n++) {
            aside = file.resolveSibling(base + "." + System.currentTimeMillis() + "-" + n + extension);
        }
        FileProgress.deleteTemporaries(file);
        if (Files.exists(FileProgress.of(file))) {
            Files.move(FileProgress.of(file), FileProgress.of(aside), StandardCopyOption.ATOMIC_MOVE);
        }
        for (String suffix : OUTPUTS) {
            if (Files.exists(FileUpload.output(file, suffix))) {
                Files.move(FileUpload.output(file, suffix), FileUpload.output(aside, suffix),
                        StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        LOG.warn("{} was left in progress, and a file of that name is waiting in the directory: it is renamed {},"
                 + " with its progress and outputs", name, aside.getFileName());
        return aside;
    }

    /** A file the previous run did not finish: picked up again, it resumes after its progress. */
    private static void moveBack(Path watched, Path file) throws IOException {
        Path target = watched.resolve(file.getFileName());
        Path progressFile = FileProgress.of(file);
        String resume = "sending it again from the start";
        try {
            FileProgress progress = FileProgress.read(progressFile);
            if (progress != null) {
                // before the move: a crash in between leaves the file in progress, marked again at the next start
                progress.resumable(true).write(progressFile);
                resume = "resuming it after its progress";
            }
        } catch (IOException e) {
            LOG.warn("{}: its progress file cannot be read ({})", file.getFileName(), e.getMessage());
        }
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        LOG.warn("{} was left in progress by an earlier run: {}", file.getFileName(), resume);
    }

    /**
     * A progress, or outputs, in the in-progress folder without their file. Kept only when an earlier start-up marked
     * the progress and moved its file back, then died before the file was picked up again. Otherwise the file
     * finished or failed before its progress was deleted, or was taken out by hand: its progress is deleted, never
     * to be resumed by another file of that name, and its outputs go to the error folder.
     */
    private void leftWithoutItsFile(Path watched, Path inProgress, String owner) throws IOException {
        Path file = inProgress.resolve(owner);
        FileProgress progress;
        try {
            progress = FileProgress.read(FileProgress.of(file));
        } catch (IOException e) {
            progress = null;
        }
        if (progress != null && progress.resumable() && resumeInProgress && Files.exists(watched.resolve(owner))) {
            LOG.warn("{} was moved back by an earlier start-up that stopped before picking it up: resuming it after"
                     + " its progress", owner);
            return;
        }
        FileProgress.delete(file);
        List<String> moved = new ArrayList<>();
        for (String suffix : OUTPUTS) {
            Path output = FileUpload.output(file, suffix);
            if (Files.exists(output)) {
                Path folder = Files.createDirectories(watched.resolve(errorDirectory));
                Path target = folder.resolve(output.getFileName());
                if (Files.exists(target)) {
                    target = SideFile.unique(folder, output.getFileName().toString());
                }
                Files.move(output, target);
                moved.add(target.toString());
            }
        }
        LOG.warn("{} is no longer in {}: its progress is deleted{}", owner, inProgress,
                moved.isEmpty() ? "" : ", its partial outputs moved to " + moved);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        if ("event".equals(type) && identityColumn != null && eventNameColumn == null && eventName == null) {
            throw new IllegalStateException("events built from rows need eventNameColumn or eventName");
        }
        Path file = exchange.getMessage().getBody(File.class).toPath();
        Consumer consumer = leader;
        FileUpload upload = FileUpload.open(file,
                new RecordFile.RowMapping(type, identityColumn, eventNameColumn, eventName), progressInterval,
                resumeWindow,
                () -> exchange.getContext().isStopping() || isStopping() || stopped(consumer),
                // clustered, a consumer that stopped has left the file to the next leader (it stops when leadership
                // is lost; a stopping route or context gives leadership up too)
                () -> isClustered() && stopped(consumer),
                () -> keepInProgress(exchange));
        exchange.getExchangeExtension().addOnCompletion(new Cleanup(file, upload));
        exchange.setProperty(RECORD_FILE, upload.records());
        exchange.setProperty(FILE_UPLOAD, upload);
        exchange.getMessage().setBody(upload);
    }

    /**
     * Reading stopped because the route stops: takes the `file:` consumer's completion off the exchange, so that
     * neither a success nor a failure (a forced stop fails the exchange) moves the file out of the in-progress
     * folder, and tells the consumer the file is no longer in progress (a later start of the route picks it up again
     * once start-up moved it back).
     */
    private void keepInProgress(Exchange exchange) {
        if (exchange.getUnitOfWork() != null) {
            // an exchange of its own, never completed: the completion never runs
            Exchange nowhere = new DefaultExchange(exchange.getContext());
            exchange.getUnitOfWork().handoverSynchronization(nowhere,
                    sync -> sync.getClass().getSimpleName().equals("GenericFileOnCompletion"));
        }
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        try {
            Object repository = exchange.getFromEndpoint().getClass().getMethod("getInProgressRepository")
                    .invoke(exchange.getFromEndpoint());
            if (repository instanceof IdempotentRepository inProgress && name != null && directory != null) {
                inProgress.remove(new File(directory, name).getAbsolutePath());
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Could not tell the consumer that {} is no longer in progress", name, e);
        }
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
            // handed over: the file may be gone because the new leader moved it back, with its progress to resume
            if (!upload.handedOver() && !Files.exists(file)) {
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

    private static boolean stopped(Consumer consumer) {
        return consumer instanceof StatefulService service && (service.isStopping() || service.isStopped());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
