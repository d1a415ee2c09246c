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
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if ("HEAD".equalsIgnoreCase(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1); // HEAD answers carry no body
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
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
