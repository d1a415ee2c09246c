package io.github.camelclevertap.component.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Posts batches to CleverTap's `/1/upload` with the JDK HTTP client: asynchronous, keeps connections alive, TLS from
 * the JDK. Holds the credentials and never lets them out.
 */
public final class UploadClient {

    /**
     * Records are plain JSON values once coerced, which any mapper writes the same way. One generator writes the
     * whole batch: a generator and a byte array per record were a fifth of the component's allocation.
     */
    private static final ObjectWriter RECORD_WRITER = new ObjectMapper().writer()
            .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    /** Room for a typical record, so the body's buffer rarely grows. */
    private static final int BYTES_PER_RECORD_HINT = 256;

    private final HttpClient http;
    private final URI uploadUri;
    private final String accountId;
    private final String passcode;
    private final Duration requestTimeout;

    public UploadClient(HttpClient http, URI uploadUri, String accountId, String passcode, Duration requestTimeout) {
        this.http = http;
        this.uploadUri = uploadUri;
        this.accountId = accountId;
        this.passcode = passcode;
        this.requestTimeout = requestTimeout;
    }

    public CompletableFuture<HttpResponse<byte[]>> upload(List<PendingRecord> records) {
        Body body = body(records);
        HttpRequest.Builder request = HttpRequest.newBuilder(uploadUri).timeout(requestTimeout);
        try {
            request.header("X-CleverTap-Account-Id", accountId).header("X-CleverTap-Passcode", passcode);
        } catch (IllegalArgumentException e) {
            // the JDK's message quotes the header's value: neither it nor its cause may travel on
            throw new IllegalArgumentException("the account id or the passcode is not a valid HTTP header value");
        }
        return http.sendAsync(request.header("Content-Type", "application/json; charset=utf-8")
                .POST(BodyPublisher.of(body.bytes(), body.size())).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public URI uploadUri() {
        return uploadUri;
    }

    /** {@code {"d":[...]}} with the batch's records in order. */
    static Body body(List<PendingRecord> records) {
        Body body = new Body(records.size() * BYTES_PER_RECORD_HINT + 16);
        try (JsonGenerator json = RECORD_WRITER.createGenerator(body)) {
            json.writeStartObject();
            json.writeArrayFieldStart("d");
            for (PendingRecord record : records) {
                RECORD_WRITER.writeValue(json, record.record());
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            // not for plain JSON values into memory: the batch fails as a whole, its records undelivered
            throw new UncheckedIOException("Could not write the batch as JSON: " + e.getMessage(), e);
        }
        return body;
    }

    /** The request body, handed to the HTTP client without another copy ({@link BodyPublisher}). */
    static final class Body extends ByteArrayOutputStream {

        Body(int size) {
            super(size);
        }

        byte[] bytes() {
            return buf;
        }

        @Override
        public int size() {
            return count;
        }
    }
}
