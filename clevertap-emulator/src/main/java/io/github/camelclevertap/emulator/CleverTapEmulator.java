package io.github.camelclevertap.emulator;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process stand-in for CleverTap's Upload API ({@code POST /1/upload}) on a real HTTP port.
 *
 * <pre>{@code
 * try (CleverTapEmulator emulator = CleverTapEmulator.builder().account("ACC-1", "pass-1").build().start()) {
 *     URI base = emulator.baseUri();      // send uploads to base + "/1/upload"
 *     emulator.faults().enqueue(Fault.status(503));
 *     ...
 *     assertThat(emulator.storedRecords("ACC-1")).hasSize(3);
 * }
 * }</pre>
 *
 * <p>It enforces CleverTap's contract (credentials, at most 15 concurrent requests per account, 1000 records per
 * request, per-record validation answered with HTTP 200) and can misbehave on purpose through {@link #faults()}.
 * Besides the upload endpoint it serves {@code GET /emulator/records}, {@code GET /emulator/stats} and
 * {@code POST /emulator/reset}. All methods are thread-safe.
 */
public final class CleverTapEmulator implements AutoCloseable {

    public static final String DEFAULT_ACCOUNT_ID = "TEST-ACCOUNT";
    public static final String DEFAULT_PASSCODE = "test-passcode";
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 15;
    public static final int DEFAULT_MAX_RECORDS_PER_REQUEST = 1000;

    /** Pending connections the OS may queue: benchmarks open many at once. */
    private static final int BACKLOG = 1024;

    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    static {
        // The JDK server flushes response headers and body as two TCP segments. With Nagle's algorithm on, the body
        // waits for the client's delayed ACK (about 40 ms on Linux), capping a keep-alive connection at ~25 answers
        // a second. The JDK reads this property once, when the first HttpServer of the JVM is created, so it is set
        // here unless the user chose a value.
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
    }

    private final String host;
    private final int requestedPort;
    private final Map<String, String> accounts;
    private final int maxConcurrentRequests;
    private final int maxRecordsPerRequest;
    private final boolean retainRecords;
    private volatile Duration latency;

    private final FaultInjector faults = new FaultInjector();
    private final InFlightTracker inFlight = new InFlightTracker();
    private final StatsRecorder stats = new StatsRecorder();
    private final RecordStore store;
    private final RequestLog requestLog;
    private final AnswerGate gate = new AnswerGate();

    private final Object lifecycle = new Object();
    private HttpServer server;
    private ExecutorService executor;
    private boolean closed;

    private CleverTapEmulator(Builder builder) {
        this.host = builder.host;
        this.requestedPort = builder.port;
        Map<String, String> configured = new LinkedHashMap<>(builder.accounts);
        if (configured.isEmpty()) {
            configured.put(DEFAULT_ACCOUNT_ID, DEFAULT_PASSCODE);
        }
        this.accounts = Collections.unmodifiableMap(configured);
        this.maxConcurrentRequests = builder.maxConcurrentRequests;
        this.maxRecordsPerRequest = builder.maxRecordsPerRequest;
        this.latency = builder.latency;
        this.retainRecords = builder.retainRecords;
        this.store = new RecordStore(retainRecords);
        this.requestLog = new RequestLog(retainRecords);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the port and starts serving.
     *
     * @return this emulator, for chaining after {@link Builder#build()}
     * @throws UncheckedIOException when the address cannot be bound
     * @throws IllegalStateException when already started or closed
     */
    public CleverTapEmulator start() {
        synchronized (lifecycle) {
            if (server != null || closed) {
                throw new IllegalStateException("The emulator can be started only once");
            }
            HttpServer created;
            try {
                created = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), requestedPort), BACKLOG);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot bind the CleverTap emulator to " + host + ":" + requestedPort, e);
            }
            created.createContext("/", JsonResponses::notFound);
            created.createContext(UploadHandler.PATH, new UploadHandler(accounts, maxConcurrentRequests,
                    maxRecordsPerRequest, () -> latency, faults, inFlight, stats, store, requestLog, gate));
            created.createContext(AdminHandler.PREFIX, new AdminHandler(this));
            // Unbounded on purpose: a request beyond the concurrency limit must get a thread to be answered 429.
            executor = Executors.newCachedThreadPool(new EmulatorThreads());
            created.setExecutor(executor);
            created.start();
            server = created;
            return this;
        }
    }

    /** The address to send requests to, such as {@code http://127.0.0.1:41234}, without a trailing slash. */
    public URI baseUri() {
        String uriHost = host;
        // A wildcard bind address is not something a client can connect to.
        if (uriHost.equals("0.0.0.0") || uriHost.equals("::") || uriHost.equals("[::]")) {
            uriHost = "127.0.0.1";
        }
        if (uriHost.contains(":") && !uriHost.startsWith("[")) {
            uriHost = "[" + uriHost + "]";
        }
        return URI.create("http://" + uriHost + ":" + port());
    }

    /** {@link #baseUri()} followed by {@code /1/upload}. */
    public URI uploadUri() {
        return URI.create(baseUri() + UploadHandler.PATH);
    }

    /** The bound port; with port 0 in the builder, the ephemeral port chosen by the OS. */
    public int port() {
        synchronized (lifecycle) {
            if (server == null) {
                throw new IllegalStateException("The emulator is not started");
            }
            return server.getAddress().getPort();
        }
    }

    /** The ids of the accounts the emulator accepts (the passcodes are not exposed). */
    public Set<String> accountIds() {
        return accounts.keySet();
    }

    /** Sets the server time of each subsequent upload request (spent while the request counts as in flight). */
    public void setLatency(Duration latency) {
        this.latency = requireNotNegative(latency, "latency");
    }

    public Duration latency() {
        return latency;
    }

    /**
     * Holds every upload request from now on, after its latency and while it counts as in flight, until
     * {@link #releaseAnswers()}: the callers waiting for CleverTap can be counted without timing anything.
     */
    public void holdAnswers() {
        gate.hold();
    }

    /** Lets the held upload requests, and those to come, be answered. */
    public void releaseAnswers() {
        gate.release();
    }

    public FaultInjector faults() {
        return faults;
    }

    /** A snapshot of the counters; take a new one to see later requests. */
    public EmulatorStats stats() {
        return stats.snapshot(inFlight);
    }

    /** Every stored record of all accounts, in arrival order; empty with {@code retainRecords(false)}. */
    public List<Map<String, Object>> storedRecords() {
        return store.all();
    }

    /** The stored records of one account, in arrival order; empty with {@code retainRecords(false)}. */
    public List<Map<String, Object>> storedRecords(String accountId) {
        return store.forAccount(accountId);
    }

    /** How many records were stored; kept even with {@code retainRecords(false)}. */
    public long storedRecordCount() {
        return store.count();
    }

    /**
     * The last upload requests (at most 10,000, oldest first) with their answers; none with
     * {@code retainRecords(false)}. The passcode header's value is masked.
     */
    public List<RecordedRequest> requests() {
        return requestLog.snapshot();
    }

    /**
     * Clears stats, stored records, recorded requests and faults, and releases held answers. Latency and accounts stay
     * as they are.
     */
    public void reset() {
        gate.release();
        faults.reset();
        stats.reset();
        inFlight.resetPeaks();
        store.clear();
        requestLog.clear();
    }

    /** Stops the server at once and interrupts requests still being served. Safe to call more than once. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            if (server != null) {
                server.stop(0);
            }
            if (executor != null) {
                executor.shutdownNow();
                try {
                    executor.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public String toString() {
        synchronized (lifecycle) {
            // Never the passcodes: this string ends up in logs.
            return "CleverTapEmulator{" + (server == null ? "not started" : baseUri()) + ", accounts="
                    + accounts.keySet() + '}';
        }
    }

    private static Duration requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + duration);
        }
        return duration;
    }

    private static final class EmulatorThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "clevertap-emulator-" + count.incrementAndGet());
            thread.setDaemon(true); // never keeps a test JVM alive
            return thread;
        }
    }

    /** Configures a {@link CleverTapEmulator}; every setting has a default that matches CleverTap. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private final Map<String, String> accounts = new LinkedHashMap<>();
        private int maxConcurrentRequests = DEFAULT_MAX_CONCURRENT_REQUESTS;
        private int maxRecordsPerRequest = DEFAULT_MAX_RECORDS_PER_REQUEST;
        private Duration latency = Duration.ZERO;
        private boolean retainRecords = true;

        private Builder() {
        }

        /** The address to bind, {@code 127.0.0.1} by default. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port to bind, 0 (an ephemeral port) by default. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Adds an account the emulator accepts; repeatable. Without any, the emulator accepts
         * {@value #DEFAULT_ACCOUNT_ID} with passcode {@value #DEFAULT_PASSCODE}.
         */
        public Builder account(String accountId, String passcode) {
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(passcode, "passcode");
            if (accountId.isBlank()) {
                throw new IllegalArgumentException("accountId must not be blank");
            }
            accounts.put(accountId, passcode);
            return this;
        }

        /** Concurrent upload requests allowed per account before 429, 15 by default (CleverTap's limit). */
        public Builder maxConcurrentRequests(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConcurrentRequests must be at least 1, got " + max);
            }
            this.maxConcurrentRequests = max;
            return this;
        }

        /** Records allowed in one upload before 400, 1000 by default (CleverTap's limit). */
        public Builder maxRecordsPerRequest(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxRecordsPerRequest must be at least 1, got " + max);
            }
            this.maxRecordsPerRequest = max;
            return this;
        }

        /** Server time added to each upload request, zero by default; can be changed later with setLatency. */
        public Builder latency(Duration latency) {
            this.latency = requireNotNegative(latency, "latency");
            return this;
        }

        /**
         * Whether to keep stored records and recorded requests (true by default). False keeps counts only, for
         * benchmarks that send millions of records.
         */
        public Builder retainRecords(boolean retain) {
            this.retainRecords = retain;
            return this;
        }

        /** Creates the emulator; call {@link CleverTapEmulator#start()} to serve. */
        public CleverTapEmulator build() {
            return new CleverTapEmulator(this);
        }
    }
}
