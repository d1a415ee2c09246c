package io.github.camelclevertap.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;

/** A JDK HttpClient speaking to an emulator over loopback, as a CleverTap client would. */
final class UploadClient {

    static final ObjectMapper MAPPER = new ObjectMapper();

    // HTTP/1.1 only: the JDK server does not speak HTTP/2, and this skips the client's h2c upgrade attempt.
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final URI base;
    private final String accountId;
    private final String passcode;

    UploadClient(CleverTapEmulator emulator, String accountId, String passcode) {
        this(emulator.baseUri(), accountId, passcode);
    }

    UploadClient(URI base, String accountId, String passcode) {
        this.base = base;
        this.accountId = accountId;
        this.passcode = passcode;
    }

    static HttpClient http() {
        return HTTP;
    }

    HttpRequest.Builder uploadRequest(String query, String body) {
        return HttpRequest.newBuilder(URI.create(base + "/1/upload" + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(20))
                .header("X-CleverTap-Account-Id", accountId)
                .header("X-CleverTap-Passcode", passcode)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    HttpResponse<String> upload(String body) throws IOException, InterruptedException {
        return upload(null, body);
    }

    HttpResponse<String> upload(String query, String body) throws IOException, InterruptedException {
        return send(uploadRequest(query, body).build());
    }

    CompletableFuture<HttpResponse<String>> uploadAsync(String body) {
        return HTTP.sendAsync(uploadRequest(null, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(20)).GET().build());
    }

    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** {@code {"d":[records...]}} */
    static String batch(String... records) {
        StringJoiner joiner = new StringJoiner(",", "{\"d\":[", "]}");
        for (String record : records) {
            joiner.add(record);
        }
        return joiner.toString();
    }

    static String event(String identity) {
        return "{\"type\":\"event\",\"identity\":\"" + identity + "\",\"ts\":1521649275,\"evtName\":\"Web Event\","
                + "\"evtData\":{\"Amount\":1}}";
    }

    static String profileWithEmail(String identity, String email) {
        return "{\"type\":\"profile\",\"identity\":\"" + identity + "\",\"profileData\":{\"Email\":\"" + email + "\"}}";
    }

    static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
