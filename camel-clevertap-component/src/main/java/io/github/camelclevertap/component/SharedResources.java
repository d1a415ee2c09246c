package io.github.camelclevertap.component;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import io.github.camelclevertap.component.upload.Continuations;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ExecutorServiceManager;

/**
 * The threads and HTTP clients that every endpoint of one component shares, so their number does not grow with the
 * endpoints (one per account when a platform uploads for its customers): the HTTP client's executor, the pool where
 * routing continues after a batch, the timer of batch timeouts, deadlines and back-offs, and one
 * {@link HttpClient} (one selector thread, one connection pool) per distinct {@code connectTimeout}, an HTTP client
 * setting. Opened when the component starts, closed when it stops, after its producers ended their uploads.
 */
final class SharedResources {

    /** Threads of the HTTP client's executor: enough to keep the cores busy with bodies and answers. */
    static final int HTTP_THREADS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    private final CamelContext camelContext;
    private final ExecutorService httpExecutor;
    private final ExecutorService completionExecutor;
    private final Continuations continuations;
    private final ScheduledExecutorService scheduler;
    private final Map<Long, HttpClient> httpClients = new ConcurrentHashMap<>();

    SharedResources(CleverTapComponent component) {
        this.camelContext = component.getCamelContext();
        ExecutorServiceManager executors = camelContext.getExecutorServiceManager();
        // bounded: its tasks only build request bodies, read answers and run the HTTP client's callbacks, never block;
        // a cached pool grew a thread per batch in flight (one per account when many accounts send at once)
        httpExecutor = executors.newFixedThreadPool(component, "CleverTapHttpClient", HTTP_THREADS);
        // routing continues here after a batch, never on the HTTP client's threads (see UploadServices)
        completionExecutor = executors.newDefaultThreadPool(component, "CleverTapCompletion");
        continuations = new Continuations(completionExecutor);
        scheduler = executors.newSingleThreadScheduledExecutor(component, "CleverTapScheduler");
    }

    /** The HTTP client for this connect timeout, made on first use. */
    HttpClient httpClient(long connectTimeoutMillis) {
        return httpClients.computeIfAbsent(connectTimeoutMillis, timeout -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(timeout))
                .executor(httpExecutor)
                .build());
    }

    ExecutorService httpExecutor() {
        return httpExecutor;
    }

    Continuations continuations() {
        return continuations;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * Shuts the threads down; the continuations the pool did not run, run here, so no exchange is left waiting.
     * Then the HTTP clients close.
     */
    void close() {
        ExecutorServiceManager executors = camelContext.getExecutorServiceManager();
        executors.shutdown(scheduler);
        executors.shutdown(httpExecutor);
        executors.shutdown(completionExecutor);
        continuations.drain();
        for (HttpClient client : httpClients.values()) {
            closeClient(client);
        }
        httpClients.clear();
    }

    /**
     * Java 21 gave {@code HttpClient} a {@code shutdownNow()}; on 17 the client's selector thread ends once the client
     * is unreferenced. Every upload has ended when this runs, so nothing is cut short.
     */
    private static void closeClient(HttpClient client) {
        try {
            HttpClient.class.getMethod("shutdownNow").invoke(client);
        } catch (ReflectiveOperationException | RuntimeException notOnThisJava) {
            // Java 17: left to the garbage collector
        }
    }
}
