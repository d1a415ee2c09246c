package io.github.camelclevertap.component.review;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny scripted stand-in for CleverTap's {@code POST /1/upload}: each request takes the next answer from a queue
 * (when the queue is empty: {@code {"status":"success","processed":<records in the request>}}). It records every
 * request body (parsed), counts the requests in flight (and the peak) and, for a stalled answer, whether the client
 * closed the connection while the body was still being written. Unlike the project's emulator it answers exactly
 * what it is told, however odd.
 */
final class ScriptedCleverTap implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted answer. */
    interface Answer {
    }

    /** Status and body, all at once. */
    record Plain(int status, String body) implements Answer {
    }

    /**
     * The status line and headers at once, then the body held back for {@code stallMillis}: a whitespace byte is
     * written and flushed every 50 ms (JSON allows leading whitespace), so a client that closes the connection is
     * noticed by the failing write; after the stall the body follows.
     */
    record Stall(int status, String body, long stallMillis) implements Answer {
    }

    /** An answer made from the request body, such as one that echoes a record. */
    record Computed(Function<JsonNode, Answer> answer) implements Answer {
    }

    /** Another answer after a delay. */
    record Delayed(long millis, Answer answer) implements Answer {
    }

    static Answer answer(int status, String body) {
        return new Plain(status, body);
    }

    static Answer stallBody(int status, String body, long stallMillis) {
        return new Stall(status, body, stallMillis);
    }

    static Answer computed(Function<JsonNode, Answer> answer) {
        return new Computed(answer);
    }

    static Answer delayed(long millis, Answer answer) {
        return new Delayed(millis, answer);
    }

    /** What the stand-in answers when nothing is scripted: every record stored. */
    static Answer success() {
        return computed(request -> answer(200,
                "{\"status\":\"success\",\"processed\":" + request.path("d").size() + ",\"unprocessed\":[]}"));
    }

    private final HttpServer server;
    private final ExecutorService handlers;
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final AtomicInteger stallsClosedByClient = new AtomicInteger();
    private final AtomicInteger stallsCompleted = new AtomicInteger();
    private volatile long latencyMillis;
    private volatile boolean closed;

    private ScriptedCleverTap() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "scripted-clevertap");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        server.createContext("/1/upload", this::handle);
        server.start();
    }

    static ScriptedCleverTap start() {
        try {
            return new ScriptedCleverTap();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the stand-in", e);
        }
    }

    String baseUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues answers for the next requests, in order. */
    ScriptedCleverTap then(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    /** A delay before every answer, scripted or not. */
    void setLatency(long millis) {
        latencyMillis = millis;
    }

    /** The request bodies received so far, in order of arrival. */
    List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    int requestCount() {
        return requests.size();
    }

    /** All records of all requests, in order of arrival. */
    List<JsonNode> records() {
        List<JsonNode> records = new ArrayList<>();
        requests.forEach(request -> request.path("d").forEach(records::add));
        return records;
    }

    int inFlight() {
        return inFlight.get();
    }

    int peakInFlight() {
        return peakInFlight.get();
    }

    /** Stalled answers whose body write failed because the client had closed the connection. */
    int stallsClosedByClient() {
        return stallsClosedByClient.get();
    }

    /** Stalled answers whose whole body was written. */
    int stallsCompleted() {
        return stallsCompleted.get();
    }

    void reset() {
        script.clear();
        requests.clear();
        peakInFlight.set(inFlight.get());
        stallsClosedByClient.set(0);
        stallsCompleted.set(0);
        latencyMillis = 0;
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                write(exchange, new Plain(405, "{\"status\":\"fail\",\"error\":\"POST only\",\"code\":405}"));
                return;
            }
            JsonNode request;
            try (InputStream in = exchange.getRequestBody()) {
                request = JSON.readTree(in.readAllBytes());
            }
            requests.add(request);
            Answer answer = Objects.requireNonNullElseGet(script.poll(), ScriptedCleverTap::success);
            pause(latencyMillis);
            respond(exchange, request, answer);
        } catch (IOException e) {
            // the client went away: nothing to answer to
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void respond(HttpExchange exchange, JsonNode request, Answer answer) throws IOException {
        if (answer instanceof Plain plain) {
            write(exchange, plain);
        } else if (answer instanceof Computed computed) {
            respond(exchange, request, computed.answer().apply(request));
        } else if (answer instanceof Delayed delayed) {
            pause(delayed.millis());
            respond(exchange, request, delayed.answer());
        } else if (answer instanceof Stall stall) {
            stall(exchange, stall);
        }
    }

    private static void write(HttpExchange exchange, Plain plain) throws IOException {
        byte[] body = plain.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(plain.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void stall(HttpExchange exchange, Stall stall) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(stall.status(), 0); // chunked: the headers go out now, the body later
        OutputStream out = exchange.getResponseBody();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(stall.stallMillis());
        try {
            while (System.nanoTime() < until && !closed) {
                out.write(' ');
                out.flush();
                pause(50);
            }
            out.write(stall.body().getBytes(StandardCharsets.UTF_8));
            out.close();
            stallsCompleted.incrementAndGet();
        } catch (IOException clientClosed) {
            stallsClosedByClient.incrementAndGet();
            throw clientClosed;
        }
    }

    private void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
