package io.github.camelclevertap.component.upload;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Posts batches to CleverTap's `/1/upload` with the JDK HTTP client: asynchronous, keeps connections alive, TLS from
 * the JDK. Holds the credentials and never lets them out.
 */
public final class UploadClient {

    private static final byte[] BODY_START = "{\"d\":[".getBytes();
    private static final byte[] BODY_END = "]}".getBytes();

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
        HttpRequest request = HttpRequest.newBuilder(uploadUri)
                .timeout(requestTimeout)
                .header("X-CleverTap-Account-Id", accountId)
                .header("X-CleverTap-Passcode", passcode)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(records)))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    public URI uploadUri() {
        return uploadUri;
    }

    static byte[] body(List<PendingRecord> records) {
        int size = BODY_START.length + BODY_END.length + records.size();
        for (PendingRecord record : records) {
            size += record.json().length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(BODY_START);
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(records.get(i).json());
        }
        out.writeBytes(BODY_END);
        return out.toByteArray();
    }
}
