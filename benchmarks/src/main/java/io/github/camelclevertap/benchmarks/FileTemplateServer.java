package io.github.camelclevertap.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.camelclevertap.component.CleverTapConstants;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Case 3's own JVM, started by {@link FileTemplateCase} with the heap cap the case is about, so the cap applies to the
 * file template alone. Camel Main runs {@code benchmark-routes/file-template.yaml}:
 * {@code kamelet:clevertap-file-source} watching an inbox, into {@code kamelet:clevertap-sink}. Arguments: {@code BASE_URI ACCOUNT PASSCODE BATCH_TIMEOUT
 * INBOX}. Command {@code run FILE} puts the file into the inbox, waits until the template has moved it to its done (or
 * error) folder, and answers {@code DONE stored failed cpuNanos allocatedBytes peakHeapBytes peakLiveBytes}, measured
 * in this JVM; end of input stops it.
 */
public final class FileTemplateServer {

    private static final long TIMEOUT_MINUTES = 10;

    private FileTemplateServer() {
    }

    public static void main(String[] args) throws Exception {
        Path inbox = Path.of(args[4]);
        Files.createDirectories(inbox);
        Main main = new Main();
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:benchmark-routes/file-template.yaml");
        main.addInitialProperty("clevertap.base-uri", args[0]);
        main.addInitialProperty("clevertap.account-id", args[1]);
        main.addInitialProperty("clevertap.passcode", args[2]);
        main.addInitialProperty("clevertap.batch-timeout", args[3]);
        main.addInitialProperty("inbox", inbox.toString());
        FileDone done = new FileDone();
        main.start();
        main.getCamelContext().getManagementStrategy().addEventNotifier(done);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            System.out.println("READY");
            System.out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                System.out.println(line.startsWith("run ") ? run(Path.of(line.substring(4)), inbox, done)
                        : "ERROR unknown command " + line);
                System.out.flush();
            }
        } finally {
            main.stop();
        }
    }

    private static String run(Path file, Path inbox, FileDone done) throws Exception {
        String name = file.getFileName().toString();
        // start from an empty young generation, as the benchmark's own JVM does before each run
        System.gc();
        ResourceMeter meter = new ResourceMeter();
        CompletableFuture<Exchange> completed = done.expect(name);
        drop(file, inbox.resolve(name));
        Exchange exchange = completed.get(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        awaitMoved(inbox, name);
        ResourceMeter.Usage usage = meter.stop();
        Integer stored = exchange.getMessage().getHeader(CleverTapConstants.PROCESSED, Integer.class);
        Integer unprocessed = exchange.getMessage().getHeader(CleverTapConstants.UNPROCESSED, Integer.class);
        // no header when the file could not be read at all: count the run as failed
        long failed = unprocessed != null ? unprocessed : exchange.isFailed() ? 1 : 0;
        clean(inbox, name);
        return "DONE " + (stored == null ? 0 : stored) + " " + failed + " " + usage.cpuNanos() + " "
               + usage.allocatedBytes() + " " + usage.peakHeapBytes() + " " + usage.peakLiveBytes();
    }

    /** The whole file appears at once: a hard link, or a copy under a name the template ignores, then renamed. */
    private static void drop(Path file, Path target) throws IOException {
        try {
            Files.createLink(target, file);
        } catch (IOException | UnsupportedOperationException e) {
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The exchange completes just before the file consumer moves the file: the run ends when it has. */
    private static void awaitMoved(Path inbox, String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Path done = inbox.resolve(".done").resolve(name);
        Path failed = inbox.resolve(".error").resolve(name);
        while (!Files.exists(done) && !Files.exists(failed) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    /** Removes the run's file and its reports, so the next run can drop the same file again. */
    private static void clean(Path inbox, String name) throws IOException {
        for (String folder : new String[] {".done", ".error"}) {
            Path dir = inbox.resolve(folder);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path path : (Iterable<Path>) files::iterator) {
                        if (path.getFileName().toString().startsWith(name)) {
                            Files.delete(path);
                        }
                    }
                }
            }
        }
    }

    /** Completes the future of a file when the exchange that uploaded it completes. */
    private static final class FileDone extends EventNotifierSupport {

        private volatile String name;
        private volatile CompletableFuture<Exchange> future = new CompletableFuture<>();

        FileDone() {
            setIgnoreCamelContextEvents(true);
            setIgnoreRouteEvents(true);
            setIgnoreServiceEvents(true);
            setIgnoreStepEvents(true);
            setIgnoreExchangeCreatedEvent(true);
            setIgnoreExchangeSendingEvents(true);
            setIgnoreExchangeSentEvents(true);
            setIgnoreExchangeRedeliveryEvents(true);
            setIgnoreExchangeAsyncProcessingStartedEvents(true);
        }

        CompletableFuture<Exchange> expect(String fileName) {
            future = new CompletableFuture<>();
            name = fileName;
            return future;
        }

        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.ExchangeCompletedEvent completed) {
                Exchange exchange = completed.getExchange();
                // the file's own exchange, not one of the chunks the template splits it into
                if (name != null && name.equals(exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class))
                    && exchange.getProperty(Exchange.SPLIT_INDEX) == null) {
                    future.complete(exchange);
                }
            }
        }
    }
}
