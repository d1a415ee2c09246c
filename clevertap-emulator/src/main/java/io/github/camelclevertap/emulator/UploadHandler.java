package io.github.camelclevertap.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.camelclevertap.records.JsonValues;
import io.github.camelclevertap.records.RecordValidator;
import io.github.camelclevertap.records.Rejection;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Serves {@code POST /1/upload} the way CleverTap does: authentication, the per-account concurrency limit,
 * request-level checks, then per-record validation answered with HTTP 200.
 *
 * <p>A request counts as in flight until its response is completely written: its slot is released after the last
 * body byte was written and the response stream closed, or after the write failed or the connection was dropped.
 * That is what makes a response that is slow to write (a stalled body, a client that reads slowly) hold its slot.
 * The price is a race with clients that reuse a slot the instant they have read their answer (CleverTap's own
 * advice): the last byte reaches the client microseconds before the handler thread returns from the write and
 * releases the slot. Two consequences:
 * <ul>
 * <li>Admission: such a client's next request can arrive while the emulator still counts the answered one. Left
 * alone, that inflated the peak and, at the limit, gave a 429 for about one request in 1,600 (4 workers, limit 4,
 * idle 2-core machine). So a request arriving while another request of its account is writing its last byte waits
 * for that one to be counted out (see {@link InFlightTracker}); a request that finds the account full of requests
 * still being served is refused at once, as before.</li>
 * <li>Observation: {@link EmulatorStats#inFlight()} read right after an answer (or after an I/O error from a dropped
 * connection) may still count that request for a few microseconds; poll it rather than read it once. Stats and the
 * request log, by contrast, record the answer before it is written, so they already show the request.</li>
 * </ul>
 */
final class UploadHandler implements HttpHandler {

    static final String PATH = "/1/upload";
    static final String ACCOUNT_HEADER = "X-CleverTap-Account-Id";
    static final String PASSCODE_HEADER = "X-CleverTap-Passcode";

    /**
     * How often a stalled body writes one whitespace byte: a client that went away makes the second write after its
     * departure fail, so the request ends (and frees its slot) within about two periods.
     */
    static final Duration STALL_TRICKLE_PERIOD = Duration.ofMillis(20);

    /** Guards the heap against a runaway client; a full batch of 1000 records is far smaller. */
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(UploadHandler.class.getName());

    private final Map<String, byte[]> passcodes;
    private final int maxConcurrentRequests;
    private final int maxRecordsPerRequest;
    private final Supplier<Duration> latency;
    private final FaultInjector faults;
    private final InFlightTracker inFlight;
    private final StatsRecorder stats;
    private final RecordStore store;
    private final RequestLog log;
    private final AnswerGate gate;
    private final RecordValidator validator = new RecordValidator();

    UploadHandler(Map<String, String> accounts, int maxConcurrentRequests, int maxRecordsPerRequest,
            Supplier<Duration> latency, FaultInjector faults, InFlightTracker inFlight, StatsRecorder stats,
            RecordStore store, RequestLog log, AnswerGate gate) {
        this.passcodes = new LinkedHashMap<>();
        accounts.forEach((id, passcode) -> passcodes.put(id, passcode.getBytes(StandardCharsets.UTF_8)));
        this.maxConcurrentRequests = maxConcurrentRequests;
        this.maxRecordsPerRequest = maxRecordsPerRequest;
        this.latency = latency;
        this.faults = faults;
        this.inFlight = inFlight;
        this.stats = stats;
        this.store = store;
        this.log = log;
        this.gate = gate;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        // The context matches by prefix: "/1/uploads" or "/1/upload/x" must be 404, not uploads.
        if (!PATH.equals(exchange.getRequestURI().getPath())) {
            JsonResponses.notFound(exchange);
            return;
        }
        stats.requestReceived();
        Call call = new Call(exchange);
        try {
            serve(call);
        } catch (IOException e) {
            // The client went away mid-request; nothing can be answered any more.
            LOG.log(System.Logger.Level.DEBUG, "Upload request aborted", e);
            call.dropIfUnanswered();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Emulator failed on an upload request", e);
            call.answerIfUnanswered(500, JsonResponses.failure(500, "Internal emulator error"));
        } finally {
            // Closing the exchange ends the response (or the connection); only then is the request out of flight.
            exchange.close();
            call.releaseSlot();
        }
    }

    private void serve(Call call) throws IOException {
        HttpExchange exchange = call.exchange;
        if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
            call.readBody();
            exchange.getResponseHeaders().set("Allow", "POST");
            call.answer(405, JsonResponses.failure(405, "Method " + exchange.getRequestMethod()
                    + " is not allowed on " + PATH + ": use POST"));
            return;
        }
        String accountId = call.accountId;
        if (!authenticated(accountId, exchange.getRequestHeaders().getFirst(PASSCODE_HEADER))) {
            call.readBody();
            // CleverTap's only documented wording, also for a wrong passcode or a wrong region.
            call.answer(401, JsonResponses.failure(401, "Account ID is not valid"));
            return;
        }
        call.slot = inFlight.enter(accountId);
        if (call.slot.countOnEntry() > maxConcurrentRequests) {
            call.readBody();
            call.answer(429, JsonResponses.failure(429, "Too many concurrent requests"));
            return;
        }
        if (!call.readBody()) {
            call.answer(413, JsonResponses.failure(413, "Request body is larger than " + MAX_BODY_BYTES + " bytes"));
            return;
        }
        // Latency counts as server time: the request holds its slot meanwhile.
        if (!pause(latency.get()) || !gate.pass()) {
            call.drop();
            return;
        }
        FaultInjector.Drawn drawn = faults.next();
        Fault fault = drawn.fault();
        if (fault.kind() == Fault.Kind.STATUS) {
            call.answer(fault.httpStatus(), JsonResponses.failure(fault.httpStatus(), faultMessage(fault.httpStatus())));
            return;
        }
        if (fault.kind() == Fault.Kind.FAIL_200) {
            call.answer(200, JsonResponses.failure(fault.code(), faultMessage(fault.code())));
            return;
        }
        if (fault.kind() == Fault.Kind.DROP_CONNECTION) {
            call.drop();
            return;
        }
        Optional<String> invalid = checkContentType(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (invalid.isPresent()) {
            call.answer(400, JsonResponses.failure(400, invalid.get()));
            return;
        }
        JsonNode root;
        try {
            root = JsonResponses.MAPPER.readTree(call.body);
        } catch (JsonProcessingException e) {
            call.answer(400, JsonResponses.failure(400, "Malformed JSON in request body: " + e.getOriginalMessage()));
            return;
        }
        if (root == null || !root.isObject() || !root.path("d").isArray()) {
            call.answer(400, JsonResponses.failure(400, "Request body must be a JSON object with a \"d\" array of records"));
            return;
        }
        ArrayNode records = (ArrayNode) root.get("d");
        if (records.size() > maxRecordsPerRequest) {
            call.answer(400, JsonResponses.failure(400, "Too many records in one request: " + records.size()
                    + ". At most " + maxRecordsPerRequest + " records are allowed per request"));
            return;
        }
        boolean dryRun = QueryString.first(exchange.getRequestURI().getRawQuery(), "dryRun")
                .map(value -> value.equals("1") || value.equalsIgnoreCase("true"))
                .orElse(false);
        String response = process(accountId, records, dryRun, drawn);

        if (fault.kind() == Fault.Kind.SLOW_RESPONSE && !pause(fault.delay())) {
            call.drop();
            return;
        }
        if (fault.kind() == Fault.Kind.DROP_AFTER_STORE) {
            call.drop();
            return;
        }
        if (fault.kind() == Fault.Kind.STALLED_BODY) {
            call.answerStalled(response, fault.delay());
            return;
        }
        call.answer(200, response);
    }

    /**
     * Validates every record, stores the accepted ones (unless dry run) and builds CleverTap's answer, bent as the
     * request's fault says (errors without their record number or record, in another order, a wrong count).
     */
    private String process(String accountId, ArrayNode records, boolean dryRun, FaultInjector.Drawn drawn) {
        Fault fault = drawn.fault();
        List<Map<String, Object>> accepted = new ArrayList<>(records.size());
        ArrayNode unprocessed = JsonResponses.MAPPER.createArrayNode();
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            // The shared rules work on plain Java values; the answer echoes the record as it was sent.
            Object plain = JsonValues.toJava(record);
            Optional<Rejection> rejection = validator.validate(plain);
            if (rejection.isPresent()) {
                ObjectNode entry = unprocessed.addObject();
                entry.put("status", "fail");
                entry.put("code", rejection.get().code());
                entry.put("error", fault.numbersErrors() ? rejection.get().errorFor(i + 1)
                        : rejection.get().message().strip());
                if (fault.echoesRecords()) {
                    entry.set("record", record);
                }
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> valid = (Map<String, Object>) plain;
                accepted.add(valid);
            }
        }
        if (!dryRun) {
            store.addAll(accountId, accepted);
        }
        stats.batchValidated(records.size(), accepted.size(), unprocessed.size(), !dryRun);

        ObjectNode response = JsonResponses.MAPPER.createObjectNode();
        // An empty "d" counts as success: every one of its zero records was processed.
        String status = unprocessed.isEmpty() ? "success" : accepted.isEmpty() ? "fail" : "partial";
        response.put("status", status);
        response.put("processed", fault.kind() == Fault.Kind.WRONG_PROCESSED
                ? wrongCount(accepted.size(), fault.delta()) : accepted.size());
        response.set("unprocessed", fault.kind() == Fault.Kind.SHUFFLED_ERRORS
                ? shuffled(unprocessed, new Random(drawn.seed())) : unprocessed);
        return JsonResponses.write(response);
    }

    /** The real count moved by delta, never below 0 and never equal to the real count. */
    private static int wrongCount(int real, int delta) {
        int wrong = (int) Math.max(0L, (long) real + delta);
        return wrong == real ? real + 1 : wrong;
    }

    /** The entries in a random order that, with two entries or more, is never the original one. */
    private static ArrayNode shuffled(ArrayNode entries, Random random) {
        List<JsonNode> original = new ArrayList<>(entries.size());
        entries.forEach(original::add);
        List<JsonNode> order = new ArrayList<>(original);
        Collections.shuffle(order, random);
        if (order.size() >= 2 && sameElements(order, original)) {
            Collections.reverse(order);
        }
        return JsonResponses.MAPPER.createArrayNode().addAll(order);
    }

    /** Compared by identity: two entries may be equal (unnumbered and unechoed), yet the order still changed. */
    private static boolean sameElements(List<JsonNode> a, List<JsonNode> b) {
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean authenticated(String accountId, String passcode) {
        if (accountId == null || passcode == null) {
            return false;
        }
        byte[] expected = passcodes.get(accountId);
        return expected != null && MessageDigest.isEqual(expected, passcode.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> checkContentType(String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip();
        if (!mediaType.equalsIgnoreCase("application/json")) {
            return Optional.of("Content-Type must be application/json, got "
                    + (contentType == null ? "none" : "'" + contentType + "'"));
        }
        return Optional.empty();
    }

    private static String faultMessage(int status) {
        return switch (status) {
            case 401 -> "Account ID is not valid";
            case 429 -> "Too many concurrent requests";
            case 500 -> "Internal server error";
            case 502 -> "Bad gateway";
            case 503 -> "Service unavailable";
            case 504 -> "Gateway timeout";
            default -> "Request failed with HTTP " + status;
        };
    }

    /** Waits until {@code System.nanoTime()} reaches the deadline; an I/O error when interrupted (emulator closing). */
    private static void sleepUntil(long deadlineNanos) throws InterruptedIOException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Emulator closing during a stalled body");
        }
    }

    /** Waits; false when interrupted, which only happens while the emulator is closing. */
    private static boolean pause(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return true;
        }
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One upload request being served: what it sent and how it ends (answered once, or dropped). */
    private final class Call {
        final HttpExchange exchange;
        final String accountId;
        InFlightTracker.Slot slot;
        byte[] body = new byte[0];
        boolean bodyRead;
        boolean finished;

        Call(HttpExchange exchange) {
            this.exchange = exchange;
            this.accountId = exchange.getRequestHeaders().getFirst(ACCOUNT_HEADER);
        }

        /** Reads the whole body; false when it is larger than the emulator accepts. */
        boolean readBody() throws IOException {
            if (!bodyRead) {
                bodyRead = true;
                InputStream in = exchange.getRequestBody();
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            return body.length <= MAX_BODY_BYTES;
        }

        void answer(int status, String responseBody) throws IOException {
            finish(status, responseBody);
            JsonResponses.send(exchange, status, responseBody, this::completing);
        }

        /**
         * Answers 200 with {@code responseBody} whose end is withheld for {@code stall}: the headers (with a
         * Content-Length that counts the whitespace to come) and the body up to its first comma are flushed at once,
         * then one space every {@link #STALL_TRICKLE_PERIOD} (valid JSON whitespace between two members), then the
         * rest. A write fails soon after the client went away, which ends the request; if the request ends early the
         * exchange is closed short of its Content-Length, and the JDK server then closes the connection, so the client
         * never mistakes a cut answer for a whole one.
         */
        void answerStalled(String responseBody, Duration stall) throws IOException {
            finish(200, responseBody);
            byte[] bytes = responseBody.getBytes(StandardCharsets.UTF_8);
            int split = firstPartLength(bytes);
            long period = STALL_TRICKLE_PERIOD.toNanos();
            long spaces = stall.toNanos() / period;
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length + spaces);
            OutputStream out = exchange.getResponseBody();
            out.write(bytes, 0, split);
            out.flush();
            long start = System.nanoTime();
            for (long i = 1; i <= spaces; i++) {
                sleepUntil(start + i * period);
                out.write(' ');
                out.flush();
            }
            sleepUntil(start + stall.toNanos());
            out.write(bytes, split, bytes.length - split - 1);
            completing();
            out.write(bytes, bytes.length - 1, 1);
            out.close();
        }

        /** Up to and including the first comma (after {@code "status"}), or just the opening brace. */
        private static int firstPartLength(byte[] body) {
            for (int i = 0; i < body.length - 1; i++) {
                if (body[i] == ',') {
                    return i + 1;
                }
            }
            return 1;
        }

        /**
         * Closes the connection with nothing written: the JDK server closes the socket when an exchange is
         * closed before its response headers were sent, so the client sees end-of-stream instead of a response.
         */
        void drop() {
            finish(0, "");
            completing();
            exchange.close();
        }

        void dropIfUnanswered() {
            if (!finished) {
                drop();
            }
        }

        void answerIfUnanswered(int status, String responseBody) {
            if (finished) {
                return;
            }
            try {
                answer(status, responseBody);
            } catch (IOException | RuntimeException e) {
                exchange.close();
            }
        }

        /** The last byte of the response (or the drop) follows at once: see {@link InFlightTracker}. */
        void completing() {
            if (slot != null) {
                slot.completing();
            }
        }

        /** Counts the request out of flight; called once the response is written or abandoned (idempotent). */
        void releaseSlot() {
            if (slot != null) {
                slot.close();
            }
        }

        /** Counts and logs the outcome; the slot stays taken until handle() has written the response. */
        private void finish(int status, String responseBody) {
            finished = true;
            // Counted and logged before anything reaches the client, so a client that checks the stats right after
            // its answer sees its request there.
            stats.responded(status);
            if (log.enabled()) {
                log.add(new RecordedRequest(accountId, exchange.getRequestURI().getRawQuery(), maskedHeaders(),
                        new String(body, StandardCharsets.UTF_8), status, responseBody));
            }
        }

        private Map<String, List<String>> maskedHeaders() {
            Headers headers = exchange.getRequestHeaders();
            Map<String, List<String>> masked = new LinkedHashMap<>();
            headers.forEach((name, values) -> {
                if (name.toLowerCase(Locale.ROOT).equals(PASSCODE_HEADER.toLowerCase(Locale.ROOT))) {
                    List<String> hidden = new ArrayList<>();
                    values.forEach(value -> hidden.add(RecordedRequest.MASKED_PASSCODE));
                    masked.put(name, hidden);
                } else {
                    masked.put(name, values);
                }
            });
            return masked;
        }
    }
}
