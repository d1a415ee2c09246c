package io.github.camelclevertap.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.util.Optional;

/**
 * Loopback inspection endpoints for people and scripts that run the emulator out of process:
 * {@code GET /emulator/records[?account=ID]}, {@code GET /emulator/stats} and {@code POST /emulator/reset}.
 * No authentication: this is a test tool, and the records it returns are whatever the tests sent.
 */
final class AdminHandler implements HttpHandler {

    static final String PREFIX = "/emulator/";

    private final CleverTapEmulator emulator;

    AdminHandler(CleverTapEmulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case PREFIX + "records" -> {
                    if (allowed(exchange, "GET")) {
                        Optional<String> account = QueryString.first(exchange.getRequestURI().getRawQuery(), "account");
                        JsonResponses.send(exchange, 200, JsonResponses.write(
                                account.isPresent() ? emulator.storedRecords(account.get()) : emulator.storedRecords()));
                    }
                }
                case PREFIX + "stats" -> {
                    if (allowed(exchange, "GET")) {
                        JsonResponses.send(exchange, 200, JsonResponses.write(statsJson(emulator.stats())));
                    }
                }
                case PREFIX + "reset" -> {
                    if (allowed(exchange, "POST")) {
                        emulator.reset();
                        ObjectNode body = JsonResponses.MAPPER.createObjectNode().put("status", "success");
                        JsonResponses.send(exchange, 200, JsonResponses.write(body));
                    }
                }
                default -> JsonResponses.send(exchange, 404, JsonResponses.failure(404, "Not found: " + path));
            }
        } finally {
            exchange.close();
        }
    }

    /** Answers 405 unless the request uses {@code method} (GET endpoints also answer HEAD). */
    private static boolean allowed(HttpExchange exchange, String method) throws IOException {
        String actual = exchange.getRequestMethod();
        if (actual.equalsIgnoreCase(method) || (method.equals("GET") && actual.equalsIgnoreCase("HEAD"))) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", method);
        JsonResponses.send(exchange, 405, JsonResponses.failure(405, "Method " + actual + " is not allowed: use "
                + method));
        return false;
    }

    private ObjectNode statsJson(EmulatorStats stats) {
        ObjectNode json = JsonResponses.MAPPER.createObjectNode();
        json.put("requests", stats.requests());
        ObjectNode byStatus = json.putObject("responsesByStatus");
        stats.responsesByStatus().forEach((status, count) -> byStatus.put(String.valueOf(status), count));
        json.put("recordsReceived", stats.recordsReceived());
        json.put("recordsStored", stats.recordsStored());
        json.put("recordsRejected", stats.recordsRejected());
        json.put("storedRecordCount", emulator.storedRecordCount());
        json.put("batchCount", stats.batchSizes().size());
        json.put("meanBatchSize", stats.meanBatchSize());
        stats.batchSizes().forEach(json.putArray("batchSizes")::add);
        json.put("peakInFlight", stats.peakInFlight());
        ObjectNode peaks = json.putObject("peakInFlightByAccount");
        stats.peakInFlightByAccount().forEach(peaks::put);
        json.put("inFlight", stats.inFlight());
        return json;
    }
}
