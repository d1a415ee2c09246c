package io.github.camelclevertap.component.upload;

import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;

import javax.net.ssl.SSLSession;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.github.camelclevertap.component.upload.BatchOutcome.Kind.REJECTED;
import static io.github.camelclevertap.component.upload.BatchOutcome.Kind.STORED;
import static io.github.camelclevertap.component.upload.BatchOutcome.Kind.UNDELIVERED;
import static io.github.camelclevertap.component.upload.BatchOutcome.Kind.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How an answer or an error becomes record outcomes: CleverTap's recorded answers read as they were meant, and odd
 * answers never turn records into stored ones.
 */
class BatchOutcomeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    // the emulator module's copy of /work/shared/fixtures/clevertap-real-responses.json, read in place
    private static final File FIXTURE = new File("../clevertap-emulator/src/test/resources/fixtures/clevertap-real-responses.json");
    private final AnswerClassifier classifier = new AnswerClassifier(MAPPER, "region hint", 1000);

    @Test
    void recordedAnswersOfTheRealApiAddUp() throws IOException {
        int checked = 0;
        for (JsonNode interaction : MAPPER.readTree(FIXTURE).get("interactions")) {
            if (interaction.get("http_status").asInt() != 200) {
                continue;
            }
            List<PendingRecord> sent = new ArrayList<>();
            for (JsonNode record : interaction.get("request_body").get("d")) {
                sent.add(pending(MAPPER.convertValue(record, Map.class), sent.size()));
            }
            JsonNode answer = interaction.get("response_body");
            BatchOutcome outcome = classify(sent, 200, answer.toString());
            assertThat(outcome.count(UNKNOWN) + outcome.count(UNDELIVERED)).as(interaction.get("cassette").asText())
                    .isZero();
            assertThat(outcome.count(STORED)).isEqualTo(answer.get("processed").asInt());
            assertThat(outcome.count(REJECTED)).isEqualTo(answer.get("unprocessed").size());
            for (JsonNode entry : answer.get("unprocessed")) {
                String error = entry.get("error").asText();
                int number = Integer.parseInt(error.substring(error.lastIndexOf(':') + 1).strip());
                assertThat(outcome.kind(number - 1)).isEqualTo(REJECTED);
                assertThat(outcome.rejection(number - 1).code()).isEqualTo(entry.get("code").asInt());
            }
            checked++;
        }
        assertThat(checked).isEqualTo(20);
    }

    @Test
    void anEntryWithoutNumberIsMatchedByTheRecordItEchoes() {
        List<PendingRecord> sent = records(3);
        BatchOutcome outcome = classify(sent, 200, """
                {"status":"partial","processed":2,"unprocessed":[
                 {"status":"fail","code":528,"error":"Event discarded","record":%s}]}"""
                .formatted(json(sent.get(1).record())));
        assertThat(kinds(outcome)).containsExactly(STORED, REJECTED, STORED);
        assertThat(outcome.rejection(1).code()).isEqualTo(528);
        assertThat(outcome.retryable()).isFalse();
    }

    @Test
    void entriesInAnotherOrderAreMatchedByTheirNumbers() {
        BatchOutcome outcome = classify(records(4), 200, """
                {"status":"partial","processed":2,"unprocessed":[
                 {"status":"fail","code":515,"error":"Email is not valid.Skipped record number : 4"},
                 {"status":"fail","code":516,"error":"Phone number is not valid.Skipped record number : 2"}]}""");
        assertThat(kinds(outcome)).containsExactly(STORED, REJECTED, STORED, REJECTED);
        assertThat(outcome.rejection(3).code()).isEqualTo(515);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            processed disagrees                 | {"status":"success","processed":2,"unprocessed":[]}
            processed above the batch           | {"status":"success","processed":4,"unprocessed":[]}
            partial without entries             | {"status":"partial","processed":3,"unprocessed":[]}
            unknown status                      | {"status":"ok","processed":3,"unprocessed":[]}
            entry without number or record      | {"status":"partial","processed":2,"unprocessed":[{"code":528,"error":"Event discarded"}]}
            entry numbering a record not sent   | {"status":"partial","processed":2,"unprocessed":[{"code":515,"error":"x.Skipped record number : 9"}]}
            entry numbering record 0            | {"status":"partial","processed":2,"unprocessed":[{"code":515,"error":"x.Skipped record number : 0"}]}
            success with an entry               | {"status":"success","processed":2,"unprocessed":[{"code":515,"error":"x.Skipped record number : 1"}]}
            """)
    void anAnswerThatDoesNotAddUpLeavesTheRestUnknownAndRetried(String what, String body) {
        BatchOutcome outcome = classify(records(3), 200, body);
        assertThat(outcome.count(STORED)).isZero();
        assertThat(outcome.count(UNKNOWN)).isPositive();
        assertThat(outcome.count(UNDELIVERED)).isZero();
        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.failure().message()).contains("does not add up");
    }

    @Test
    void theSameNumberTwiceMatchesOnce() {
        BatchOutcome outcome = classify(records(3), 200, """
                {"status":"partial","processed":1,"unprocessed":[
                 {"code":515,"error":"x.Skipped record number : 2"},{"code":515,"error":"x.Skipped record number : 2"}]}""");
        assertThat(kinds(outcome)).containsExactly(UNKNOWN, REJECTED, UNKNOWN);
    }

    @ParameterizedTest(name = "code {0}: retryable {1}")
    @CsvSource({"503, true", "429, true", "0, true", "400, false", "401, false"})
    void failStatusWithoutEntriesStoresNothing(int code, boolean retryable) {
        String body = code == 0 ? "{\"status\":\"fail\",\"error\":\"x\"}"
                : "{\"status\":\"fail\",\"error\":\"x\",\"code\":" + code + "}";
        BatchOutcome outcome = classify(records(3), 200, body);
        assertThat(kinds(outcome)).containsOnly(UNDELIVERED);
        assertThat(outcome.retryable()).isEqualTo(retryable);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource(delimiter = '|', textBlock = """
            200 | not json                     | UNKNOWN     | true
            200 | {"processed":3}              | UNKNOWN     | true
            204 | ''                           | UNKNOWN     | true
            202 | {"status":"success"}         | UNKNOWN     | true
            302 | ''                           | UNDELIVERED | false
            400 | {"status":"fail","code":400} | UNDELIVERED | false
            401 | {"status":"fail","code":401} | UNDELIVERED | false
            408 | ''                           | UNDELIVERED | false
            429 | {"status":"fail","code":429} | UNDELIVERED | true
            500 | ''                           | UNDELIVERED | true
            503 | <html>busy</html>            | UNDELIVERED | true
            """)
    void statusesAndBodies(int status, String body, BatchOutcome.Kind kind, boolean retryable) {
        BatchOutcome outcome = classify(records(2), status, body);
        assertThat(kinds(outcome)).containsOnly(kind);
        assertThat(outcome.retryable()).isEqualTo(retryable);
        assertThat(outcome.abandoned()).isFalse();
    }

    @Test
    void noCompleteAnswerInTimeIsUnknownAndAbandoned() {
        for (Throwable timeout : List.of(new HttpTimeoutException("request timed out"), new CancellationException())) {
            BatchOutcome outcome = classifier.classify(records(2), 1, null, timeout);
            assertThat(kinds(outcome)).containsOnly(UNKNOWN);
            assertThat(outcome.abandoned()).isTrue();
            assertThat(outcome.retryable()).isTrue();
            assertThat(outcome.failure().message()).contains("within the request timeout of 1000 ms");
        }
    }

    @Test
    void aConnectionLostAfterSendingIsUnknownAndNoConnectionIsUndelivered() {
        BatchOutcome lost = classifier.classify(records(2), 1, null, new IOException("connection reset"));
        assertThat(kinds(lost)).containsOnly(UNKNOWN);
        assertThat(lost.abandoned()).as("CleverTap may still work on it").isTrue();
        BatchOutcome refused = classifier.classify(records(2), 1, null, new ConnectException("refused"));
        assertThat(kinds(refused)).containsOnly(UNDELIVERED);
        assertThat(refused.retryable()).isTrue();
    }

    private BatchOutcome classify(List<PendingRecord> sent, int status, String body) {
        return classifier.classify(sent, 1, new Answer(status, body.getBytes(StandardCharsets.UTF_8)), null);
    }

    private static List<BatchOutcome.Kind> kinds(BatchOutcome outcome) {
        return IntStream.range(0, outcome.size()).mapToObj(outcome::kind).toList();
    }

    private static List<PendingRecord> records(int count) {
        return IntStream.range(0, count).mapToObj(i -> pending(Map.of("type", "event", "identity", "u" + i,
                "evtName", "Viewed", "evtData", Map.of("n", i)), i)).toList();
    }

    private static PendingRecord pending(Map<String, Object> record, long index) {
        return new PendingRecord(record, index, null);
    }

    private static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Answer(int statusCode, byte[] body) implements HttpResponse<byte[]> {
        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1/1/upload")).build();
        }

        @Override
        public Optional<HttpResponse<byte[]>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return HttpHeaders.of(Map.of(), (a, b) -> true);
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request().uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
