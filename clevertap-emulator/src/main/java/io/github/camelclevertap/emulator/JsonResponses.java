package io.github.camelclevertap.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The shared JSON mapper and the writing of JSON responses. */
final class JsonResponses {

    /** Thread-safe once configured; trailing garbage after the JSON body is a malformed request. */
    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonResponses() {
    }

    /** CleverTap's request-level failure body: {@code {"status":"fail","error":"...","code":N}}. */
    static String failure(int code, String error) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("status", "fail");
        body.put("error", error);
        body.put("code", code);
        return write(body);
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a complete JSON response; the caller closes the exchange. */
    static void send(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, body, () -> { });
    }

    /**
     * Sends a complete JSON response, running {@code beforeLastByte} just before the byte that completes it (or before
     * the headers, when there is no body): from then on the client may have its answer. The server buffers the body
     * until the stream is closed, so the split write costs no extra packet. The caller closes the exchange.
     */
    static void send(HttpExchange exchange, int status, String body, Runnable beforeLastByte) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if ("HEAD".equalsIgnoreCase(exchange.getRequestMethod()) || bytes.length == 0) {
            beforeLastByte.run();
            exchange.sendResponseHeaders(status, -1); // a HEAD answer or an empty body: no body at all
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes, 0, bytes.length - 1);
            beforeLastByte.run();
            out.write(bytes, bytes.length - 1, 1);
        }
    }

    /** The 404 of every path the emulator does not serve. */
    static void notFound(HttpExchange exchange) throws IOException {
        try {
            exchange.getRequestBody().readAllBytes();
            send(exchange, 404, failure(404, "Not found: " + exchange.getRequestURI().getPath()));
        } finally {
            exchange.close();
        }
    }
}
