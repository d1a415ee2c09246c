package io.github.camelclevertap.routetemplates;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `kamelet:clevertap-webhook-source` under hostile input, over real HTTP on loopback: every bad body gets a 4xx naming
 * the problem, the server keeps serving, oversized bodies are refused before they are read whole, and nothing reaches
 * CleverTap.
 */
class WebhookHostileInputTest {

    private static final String ACCOUNT = "ACC-WebhookHostileInputTest";
    private static final String PASSCODE = "pc-hostile-SECRET";
    private static final String SECRET = "wh-hostile-s3cr3t";
    private static final String PATH = "guarded/signup";
    /** The HTTP server's own limit; the Kamelet's is 4096 bytes. */
    private static final int SERVER_LIMIT = 65_536;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final CamelMainRunner CAMEL = CamelMainRunner.httpRoutes("routes/clevertap-webhook-guarded.yaml",
            ACCOUNT, PASSCODE).property("camel.server.maxBodySize", String.valueOf(SERVER_LIMIT))
            .property("webhook.secret", SECRET);
    static final EmulatorExtension EMULATOR = CAMEL.emulator();

    @AfterEach
    void nothingReachedCleverTapAndTheServerStillServes() throws Exception {
        assertThat(EMULATOR.get().requests()).isEmpty();
        assertThat(post("{\"payload\": {\"name\": \"Still Up\", \"user_id\": \"42\"}}").statusCode()).isEqualTo(200);
        assertThat(EMULATOR.get().storedRecords()).hasSize(1);
    }

    @Test
    void malformedJsonIsRefusedWithItsPosition() throws Exception {
        HttpResponse<String> response = post("{\"payload\": {\"name\": \"John D\", \"user_id\": 1717,}}");

        assertRefused(response, 400, "the body is not valid JSON at line 1, column 48: ");
    }

    @Test
    void invalidUtf8IsRefusedWithTheOffendingByte() throws Exception {
        byte[] body = "{\"payload\": {\"name\": \"J?hn\", \"user_id\": \"1717\"}}".getBytes(StandardCharsets.UTF_8);
        body[23] = (byte) 0xC3; // a lead byte followed by an ASCII letter: no valid UTF-8 sequence

        HttpResponse<String> response = send(request("application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertRefused(response, 400, "the body is not valid UTF-8: byte 23 (0xc3) does not start a valid UTF-8 sequence");
    }

    @Test
    void deeplyNestedDocumentsAreRefusedAtTheDepthLimit() throws Exception {
        String deep = "{\"payload\": " + "[".repeat(1000) + "]".repeat(1000) + "}";

        assertRefused(post(deep), 400, "the JSON is nested deeper than 16 levels");
    }

    @Test
    void trailingDataAndDuplicateKeysAreRefused() throws Exception {
        assertThat(JSON.readTree(post("{\"payload\": {}} {\"payload\": {}}").body()).path("error").asText())
                .startsWith("the body is not valid JSON at line 1, column ");
        assertThat(JSON.readTree(post("{\"payload\": {\"user_id\": \"1\", \"user_id\": \"2\"}}").body())
                .path("error").asText()).contains("Duplicate field 'user_id'");
    }

    @Test
    void aJsonScalarOrAnEmptyBodyIsRefused() throws Exception {
        assertRefused(post("\"just a string\""), 400, "the body is a JSON string, not a JSON object");
        assertRefused(post("12"), 400, "the body is a JSON number, not a JSON object");
        assertRefused(post(""), 400, "the body is empty: send a JSON object");
    }

    @Test
    void aHugeStringWithinTheSizeLimitIsRejectedByValidationWithItsCode() throws Exception {
        HttpResponse<String> response = post("{\"payload\": {\"name\": \"" + "N".repeat(3500) + "\", \"user_id\": \"1\"}}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode outcome = JSON.readTree(response.body());
        assertThat(outcome.path("code").asInt()).isEqualTo(512);
        assertThat(outcome.path("error").asText()).contains("Name");
    }

    @Test
    void aBodyAboveTheKameletLimitIsRefusedWith413NamingTheLimit() throws Exception {
        String big = "{\"payload\": {\"name\": \"" + "N".repeat(5000) + "\", \"user_id\": \"1\"}}";

        assertRefused(post(big), 413, "the body is " + big.length() + " bytes, more than the limit of 4096");
        // streamed in chunks, without a Content-Length
        HttpResponse<String> chunked = send(request("application/json").POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))));
        assertRefused(chunked, 413, "the body is larger than the limit of 4096 bytes");
    }

    @Test
    void aHugeDeclaredLengthIsRefusedBeforeAnyOfTheBodyIsSent() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", CAMEL.port())) {
            socket.setSoTimeout(10_000);
            writeHead(socket, "Content-Length: 1073741824");

            // not one byte of the gigabyte was sent: the answer comes from the declared length alone
            assertThat(statusLine(socket.getInputStream())).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
        }
    }

    @Test
    void aChunkedBodyIsCutOffAtTheServerLimitWithoutWaitingForItsEnd() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", CAMEL.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = writeHead(socket, "Transfer-Encoding: chunked");
            byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
            try {
                // twice the server's limit, and never the last chunk: the body has no end
                for (int sent = 0; sent <= 2 * SERVER_LIMIT; sent += chunk.length) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException closedByTheServer) {
                // the server may close the connection once it answered
            }

            assertThat(statusLine(socket.getInputStream())).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
        }
    }

    @Test
    void wrongContentTypesAreRefusedWith415() throws Exception {
        String body = "{\"payload\": {\"name\": \"John D\", \"user_id\": \"1717\"}}";

        assertRefused(send(request("text/plain").POST(HttpRequest.BodyPublishers.ofString(body))), 415,
                "the Content-Type is 'text/plain': send application/json");
        assertRefused(send(request("application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("name=John&user_id=1717"))), 415,
                "the Content-Type is 'application/x-www-form-urlencoded': send application/json");
        // curl -d without -H: form-encoded, yet JSON
        assertRefused(send(request("application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))),
                415, "the Content-Type is 'application/x-www-form-urlencoded': send application/json");
        assertRefused(send(request("application/json; charset=ISO-8859-1").POST(HttpRequest.BodyPublishers.ofString(body))),
                415, "the charset is 'ISO-8859-1': send UTF-8");
        assertRefused(send(request(null).POST(HttpRequest.BodyPublishers.ofString(body))), 415,
                "the Content-Type header is missing: send application/json");
        // a JSON subtype is JSON
        assertThat(send(request("application/vnd.boltic+json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body))).statusCode()).isEqualTo(200);
        EMULATOR.get().reset();
    }

    private static void assertRefused(HttpResponse<String> response, int status, String error) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().map()).as("the caller's secret is not echoed").doesNotContainKey("x-webhook-secret")
                .doesNotContainKey("X-Webhook-Secret");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode outcome = JSON.readTree(response.body());
        assertThat(outcome.path("status").asText()).isEqualTo("fail");
        assertThat(outcome.path("error").asText()).startsWith(error);
    }

    /** Writes an authenticated request head with this body header, and nothing of the body. */
    private static OutputStream writeHead(Socket socket, String bodyHeader) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("POST /" + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                   + "X-Webhook-Secret: " + SECRET + "\r\n" + bodyHeader + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return out;
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static HttpRequest.Builder request(String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(CAMEL.uri(PATH)).header("X-Webhook-Secret", SECRET);
        return contentType == null ? request : request.header("Content-Type", contentType);
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return send(request("application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
