package io.github.camelclevertap.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.github.camelclevertap.emulator.UploadClient.batch;
import static io.github.camelclevertap.emulator.UploadClient.event;
import static io.github.camelclevertap.emulator.UploadClient.json;
import static io.github.camelclevertap.emulator.UploadClient.profileWithEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** The odd but plausible answers, as a client meets them on the wire. */
class OddAnswersTest {

    private static final String EMAIL_INVALID = "Profile data is incorrect. Email is not valid.";

    /** Two valid events (records 1 and 3) and two profiles with a bad email (records 2 and 4). */
    private static final String MIXED = batch(event("u1"), profileWithEmail("p2", "bad"), event("u3"),
            profileWithEmail("p4", "also-bad"));

    private CleverTapEmulator emulator;
    private UploadClient client;

    @BeforeEach
    void start() {
        emulator = CleverTapEmulator.builder().account("ACC-1", "pass-1").build().start();
        client = new UploadClient(emulator, "ACC-1", "pass-1");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void fail200IsAFailureBodyWithStatus200AndStoresNothing() throws Exception {
        emulator.faults().enqueue(Fault.fail200(503));

        HttpResponse<String> response = client.upload(MIXED);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"fail\",\"error\":\"Service unavailable\",\"code\":503}");
        JsonNode body = json(response);
        assertThat(body.has("processed")).isFalse();
        assertThat(body.has("unprocessed")).isFalse();
        assertThat(emulator.storedRecords("ACC-1")).isEmpty();
        assertThat(emulator.faults().injected(Fault.Kind.FAIL_200)).isEqualTo(1);
        assertThat(client.upload(MIXED).statusCode()).as("the next request is answered normally").isEqualTo(200);
        assertThat(emulator.storedRecords("ACC-1")).hasSize(2);
    }

    @Test
    void stalledBodySendsHeadersAndTheStartAtOnceAndTheRestAfterTheStall() throws Exception {
        Duration stall = Duration.ofMillis(1500);
        String normal = client.upload(MIXED).body();
        emulator.reset();
        emulator.faults().enqueue(Fault.stalledBody(stall));
        long started = System.nanoTime();

        HttpResponse<InputStream> response = UploadClient.http().send(client.uploadRequest(null, MIXED).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Duration headersAfter = since(started);

        assertThat(headersAfter).as("headers before the stall ends").isLessThan(stall.minusMillis(500));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        long contentLength = response.headers().firstValueAsLong("Content-Length").orElseThrow();
        assertThat(emulator.storedRecords("ACC-1")).as("stored before the answer starts")
                .extracting(record -> record.get("identity")).containsExactly("u1", "u3");
        try (InputStream body = response.body()) {
            byte[] start = body.readNBytes("{\"status\":\"partial\",".length());
            assertThat(new String(start, StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"partial\",");
            assertThat(since(started)).as("the start of the body before the stall ends").isLessThan(stall);

            String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);

            assertThat(since(started)).as("the rest only after the stall").isGreaterThanOrEqualTo(stall);
            String whole = "{\"status\":\"partial\"," + text;
            assertThat((long) whole.getBytes(StandardCharsets.UTF_8).length).isEqualTo(contentLength);
            assertThat(text).startsWith(" ").matches("(?s) +\"processed\".*");
            // Whitespace between members only: the same JSON as a normal answer.
            assertThat(json(whole)).isEqualTo(json(normal));
        }
        await().atMost(Duration.ofSeconds(1)).until(() -> emulator.stats().inFlight() == 0);
    }

    @Test
    void aClientClosingDuringAStalledBodyFreesItsSlotWithinASecond() throws Exception {
        emulator.faults().enqueue(Fault.stalledBody(Duration.ofSeconds(30)));
        HttpResponse<InputStream> response = UploadClient.http().send(client.uploadRequest(null, MIXED).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = response.body();
        body.readNBytes(5);
        assertThat(emulator.stats().inFlight()).as("held while the body stalls").isEqualTo(1);

        body.close(); // the client gives up: the JDK client closes the connection of an unfinished body

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                .until(() -> emulator.stats().inFlight() == 0);
        assertThat(emulator.storedRecords("ACC-1")).hasSize(2);
        assertThat(client.upload(MIXED).statusCode()).isEqualTo(200);
    }

    @Test
    void aClientCancellingDuringAStalledBodyFreesItsSlotWithinASecond() throws Exception {
        emulator.faults().enqueue(Fault.stalledBody(Duration.ofSeconds(30)));
        CompletableFuture<HttpResponse<String>> answer = client.uploadAsync(MIXED);

        // HttpRequest.timeout() does not help here: the JDK client (17) stops it once the headers are in, and waits
        // for the body as long as it takes. A client has to give up on the body itself.
        assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> answer.get(500, TimeUnit.MILLISECONDS));
        assertThat(emulator.stats().inFlight()).as("held while the body stalls").isEqualTo(1);
        answer.cancel(true);

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                .until(() -> emulator.stats().inFlight() == 0);
        assertThat(emulator.storedRecords("ACC-1")).as("stored, though the client got no answer").hasSize(2);
    }

    @Test
    void theRequestTimeoutOfTheJdkClientDoesNotCoverAStalledBody() throws Exception {
        Duration stall = Duration.ofMillis(1500);
        emulator.faults().enqueue(Fault.stalledBody(stall));
        long started = System.nanoTime();

        // What a client relying on HttpRequest.timeout() alone meets: no timeout, the answer after the stall.
        HttpResponse<String> response = UploadClient.send(
                client.uploadRequest(null, MIXED).timeout(Duration.ofMillis(300)).build());

        assertThat(since(started)).isGreaterThanOrEqualTo(stall);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("processed").asInt()).isEqualTo(2);
    }

    @Test
    void aRequestCountsAsInFlightWhileItsResponseIsBeingWritten() throws Exception {
        emulator.close();
        emulator = CleverTapEmulator.builder().account("ACC-1", "pass-1").maxConcurrentRequests(1).build().start();
        client = new UploadClient(emulator, "ACC-1", "pass-1");
        emulator.faults().enqueue(Fault.stalledBody(Duration.ofMillis(1500)));

        CompletableFuture<HttpResponse<InputStream>> stalled = UploadClient.http().sendAsync(
                client.uploadRequest(null, batch(event("u1"))).build(), HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> response = stalled.get(); // headers and the start of the body are in
        assertThat(response.statusCode()).isEqualTo(200);

        // The answer is being written: the request still holds the account's only slot.
        assertThat(emulator.stats().inFlight()).isEqualTo(1);
        HttpResponse<String> second = client.upload(batch(event("u2")));
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(emulator.stats().peakInFlight("ACC-1")).isEqualTo(2);

        try (InputStream body = response.body()) {
            assertThat(json(new String(body.readAllBytes(), StandardCharsets.UTF_8)).get("status").asText())
                    .isEqualTo("success");
        }
        await().atMost(Duration.ofSeconds(1)).until(() -> emulator.stats().inFlight() == 0);
        assertThat(client.upload(batch(event("u2"))).statusCode()).as("the slot is free again").isEqualTo(200);
    }

    @Test
    void unnumberedErrorsLackTheRecordNumberButEchoTheRecord() throws Exception {
        emulator.faults().enqueue(Fault.unnumberedErrors(true));

        HttpResponse<String> response = client.upload(MIXED);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("status").asText()).isEqualTo("partial");
        assertThat(body.get("processed").asInt()).isEqualTo(2);
        JsonNode unprocessed = body.get("unprocessed");
        assertThat(unprocessed).hasSize(2);
        for (JsonNode entry : unprocessed) {
            assertThat(entry.get("status").asText()).isEqualTo("fail");
            assertThat(entry.get("code").asInt()).isEqualTo(515);
            assertThat(entry.get("error").asText()).isEqualTo(EMAIL_INVALID).doesNotContain("Skipped record number");
        }
        assertThat(unprocessed.get(0).get("record")).isEqualTo(json(profileWithEmail("p2", "bad")));
        assertThat(unprocessed.get(1).get("record")).isEqualTo(json(profileWithEmail("p4", "also-bad")));
        assertThat(emulator.storedRecords("ACC-1")).extracting(record -> record.get("identity"))
                .containsExactly("u1", "u3");
        assertThat(emulator.faults().injected(Fault.Kind.UNNUMBERED_ERRORS)).isEqualTo(1);
    }

    @Test
    void unnumberedUnechoedErrorsLackTheRecordNumberAndTheRecord() throws Exception {
        emulator.faults().enqueue(Fault.unnumberedErrors(false));

        HttpResponse<String> response = client.upload(MIXED);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("status").asText()).isEqualTo("partial");
        assertThat(body.get("processed").asInt()).isEqualTo(2);
        assertThat(body.get("unprocessed")).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.has("record")).isFalse();
            assertThat(entry.get("error").asText()).isEqualTo(EMAIL_INVALID);
            assertThat(entry.get("code").asInt()).isEqualTo(515);
        });
        assertThat(response.body()).isEqualTo("{\"status\":\"partial\",\"processed\":2,\"unprocessed\":["
                + "{\"status\":\"fail\",\"code\":515,\"error\":\"" + EMAIL_INVALID + "\"},"
                + "{\"status\":\"fail\",\"code\":515,\"error\":\"" + EMAIL_INVALID + "\"}]}");
        assertThat(emulator.storedRecords("ACC-1")).hasSize(2);
        assertThat(emulator.faults().injected(Fault.Kind.UNNUMBERED_UNECHOED)).isEqualTo(1);
    }

    @Test
    void shuffledErrorsComeInAnotherOrderWithTheirRecordNumbers() throws Exception {
        String fiveBad = batch(profileWithEmail("p1", "b1"), profileWithEmail("p2", "b2"), event("u3"),
                profileWithEmail("p4", "b4"), profileWithEmail("p5", "b5"), profileWithEmail("p6", "b6"));
        emulator.faults().enqueue(Fault.shuffledErrors());

        HttpResponse<String> response = client.upload(fiveBad);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("status").asText()).isEqualTo("partial");
        assertThat(body.get("processed").asInt()).isEqualTo(1);
        List<Integer> numbers = recordNumbers(body);
        assertThat(numbers).containsExactlyInAnyOrder(1, 2, 4, 5, 6).isNotEqualTo(List.of(1, 2, 4, 5, 6));
        for (JsonNode entry : body.get("unprocessed")) {
            int number = recordNumber(entry);
            assertThat(entry.get("record").get("identity").asText()).as("each entry keeps its own record")
                    .isEqualTo("p" + number);
        }
        assertThat(emulator.storedRecords("ACC-1")).singleElement()
                .satisfies(record -> assertThat(record).containsEntry("identity", "u3"));

        // Reproducible: the same request as the same request number after a reset gets the same order.
        emulator.reset();
        emulator.faults().enqueue(Fault.shuffledErrors());
        assertThat(recordNumbers(json(client.upload(fiveBad)))).isEqualTo(numbers);
    }

    @Test
    void shuffledErrorsOfTwoRecordsAreAlwaysSwapped() throws Exception {
        for (int i = 0; i < 5; i++) {
            emulator.faults().enqueue(Fault.shuffledErrors());
            assertThat(recordNumbers(json(client.upload(MIXED)))).containsExactly(4, 2);
        }
    }

    @Test
    void wrongProcessedMovesTheCountButStoresAsUsual() throws Exception {
        emulator.faults().enqueue(Fault.wrongProcessed(-1), Fault.wrongProcessed(-1), Fault.wrongProcessed(0),
                Fault.wrongProcessed(5));

        JsonNode lower = json(client.upload(MIXED));
        JsonNode clampedThenRaised = json(client.upload(batch(profileWithEmail("p1", "bad"))));
        JsonNode zeroDelta = json(client.upload(MIXED));
        JsonNode higher = json(client.upload(MIXED));

        assertThat(lower.get("processed").asInt()).isEqualTo(1);
        assertThat(lower.get("status").asText()).as("the status tells the truth").isEqualTo("partial");
        assertThat(lower.get("unprocessed")).hasSize(2);
        // 0 - 1 is clamped to 0, the real count, so one more.
        assertThat(clampedThenRaised.get("processed").asInt()).isEqualTo(1);
        assertThat(clampedThenRaised.get("status").asText()).isEqualTo("fail");
        assertThat(zeroDelta.get("processed").asInt()).isEqualTo(3);
        assertThat(higher.get("processed").asInt()).isEqualTo(7);
        assertThat(emulator.storedRecords("ACC-1")).hasSize(6);
        assertThat(emulator.stats().recordsStored()).isEqualTo(6);
        assertThat(emulator.faults().injected(Fault.Kind.WRONG_PROCESSED)).isEqualTo(4);
    }

    @Test
    void randomModeDrawsTheOddAnswersReproduciblyForASeed() throws Exception {
        FaultRates rates = FaultRates.builder().pFail200(0.15).pStalledBody(0.1).stallDelay(Duration.ofMillis(30))
                .pUnnumbered(0.15).pUnnumberedUnechoed(0.1).pShuffled(0.15).pWrongProcessed(0.15).build();

        List<String> firstRun = answersWithRandomFaults(99, rates, 60);
        var firstInjected = emulator.faults().injected();
        long firstStored = emulator.storedRecordCount();
        emulator.reset();
        List<String> secondRun = answersWithRandomFaults(99, rates, 60);

        assertThat(secondRun).isEqualTo(firstRun);
        assertThat(emulator.faults().injected()).isEqualTo(firstInjected).containsOnlyKeys(Fault.Kind.FAIL_200,
                Fault.Kind.STALLED_BODY, Fault.Kind.UNNUMBERED_ERRORS, Fault.Kind.UNNUMBERED_UNECHOED,
                Fault.Kind.SHUFFLED_ERRORS, Fault.Kind.WRONG_PROCESSED);
        assertThat(emulator.storedRecordCount()).isEqualTo(firstStored);
        assertThat(firstRun).as("some requests still answered normally").contains(normalAnswerTo(MIXED));
    }

    /** The answers to {@code MIXED}, as compact JSON (a stalled body's whitespace removed). */
    private List<String> answersWithRandomFaults(long seed, FaultRates rates, int requests) throws Exception {
        emulator.faults().random(seed, rates);
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = client.upload(MIXED);
            answers.add(response.statusCode() + " " + json(response));
        }
        emulator.faults().clear();
        return answers;
    }

    private String normalAnswerTo(String body) throws IOException, InterruptedException {
        HttpResponse<String> response = new UploadClient(emulator, "ACC-1", "pass-1").upload(body);
        return response.statusCode() + " " + json(response);
    }

    private static List<Integer> recordNumbers(JsonNode body) {
        List<Integer> numbers = new ArrayList<>();
        body.get("unprocessed").forEach(entry -> numbers.add(recordNumber(entry)));
        return numbers;
    }

    private static int recordNumber(JsonNode entry) {
        String error = entry.get("error").asText();
        return Integer.parseInt(error.substring(error.lastIndexOf("Skipped record number : ")
                + "Skipped record number : ".length()));
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
