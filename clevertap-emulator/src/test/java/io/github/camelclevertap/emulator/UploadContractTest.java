package io.github.camelclevertap.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.github.camelclevertap.emulator.UploadClient.batch;
import static io.github.camelclevertap.emulator.UploadClient.event;
import static io.github.camelclevertap.emulator.UploadClient.json;
import static io.github.camelclevertap.emulator.UploadClient.profileWithEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/** Request-level behaviour of {@code POST /1/upload}: credentials, content, limits, dry runs, stats and logging. */
class UploadContractTest {

    private static final String UNAUTHORIZED = "{\"status\":\"fail\",\"error\":\"Account ID is not valid\",\"code\":401}";

    private CleverTapEmulator emulator;
    private UploadClient client;

    @BeforeEach
    void start() {
        emulator = CleverTapEmulator.builder()
                .account("ACC-1", "pass-1")
                .account("ACC-2", "pass-2")
                .build()
                .start();
        client = new UploadClient(emulator, "ACC-1", "pass-1");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void baseUriHasNoTrailingSlash() {
        assertThat(emulator.baseUri().toString()).isEqualTo("http://127.0.0.1:" + emulator.port());
        assertThat(emulator.port()).isPositive();
    }

    @Test
    void unknownAccountGetsCleverTaps401() throws Exception {
        HttpResponse<String> response = new UploadClient(emulator, "NOPE", "pass-1").upload(batch(event("u1")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(UNAUTHORIZED);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(emulator.storedRecordCount()).isZero();
    }

    @Test
    void wrongPasscodeGetsTheSame401() throws Exception {
        HttpResponse<String> response = new UploadClient(emulator, "ACC-1", "pass-2").upload(batch(event("u1")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(UNAUTHORIZED);
    }

    @Test
    void missingCredentialsGet401() throws Exception {
        HttpResponse<String> response = UploadClient.send(HttpRequest.newBuilder(emulator.uploadUri())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batch(event("u1"))))
                .build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(UNAUTHORIZED);
    }

    @Test
    void defaultAccountIsUsedWhenNoneIsConfigured() throws Exception {
        try (CleverTapEmulator defaults = CleverTapEmulator.builder().build().start()) {
            UploadClient defaultClient = new UploadClient(defaults, "TEST-ACCOUNT", "test-passcode");

            assertThat(defaultClient.upload(batch(event("u1"))).statusCode()).isEqualTo(200);
            assertThat(defaults.accountIds()).containsExactly("TEST-ACCOUNT");
        }
    }

    @Test
    void wrongContentTypeIs400() throws Exception {
        HttpResponse<String> response = UploadClient.send(client.uploadRequest(null, batch(event("u1")))
                .setHeader("Content-Type", "text/plain").build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("status").asText()).isEqualTo("fail");
        assertThat(json(response).get("code").asInt()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).contains("application/json");
    }

    @Test
    void contentTypeWithoutCharsetIsAccepted() throws Exception {
        HttpResponse<String> response = UploadClient.send(client.uploadRequest(null, batch(event("u1")))
                .setHeader("Content-Type", "application/json").build());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void missingDArrayIs400() throws Exception {
        HttpResponse<String> response = client.upload("{\"records\":[]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).contains("\"d\" array");
        assertThat(emulator.stats().batchSizes()).isEmpty();
    }

    @Test
    void malformedJsonIs400() throws Exception {
        assertThat(client.upload("{\"d\":[").statusCode()).isEqualTo(400);
        assertThat(client.upload("[]").statusCode()).isEqualTo(400);
        assertThat(client.upload("{\"d\":{}}").statusCode()).isEqualTo(400);
        assertThat(client.upload("{\"d\":[]} trailing").statusCode()).isEqualTo(400);
    }

    @Test
    void moreRecordsThanTheLimitIs400NamingTheLimit() throws Exception {
        String[] records = new String[1001];
        for (int i = 0; i < records.length; i++) {
            records[i] = event("u" + i);
        }

        HttpResponse<String> response = client.upload(batch(records));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).contains("1000");
        assertThat(emulator.storedRecordCount()).isZero();
    }

    @Test
    void exactlyTheLimitIsAccepted() throws Exception {
        String[] records = new String[1000];
        for (int i = 0; i < records.length; i++) {
            records[i] = event("u" + i);
        }

        HttpResponse<String> response = client.upload(batch(records));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("processed").asInt()).isEqualTo(1000);
        assertThat(emulator.storedRecordCount()).isEqualTo(1000);
    }

    @Test
    void otherMethodsAre405AndOtherPaths404() throws Exception {
        HttpResponse<String> get = UploadClient.send(HttpRequest.newBuilder(emulator.uploadUri()).GET().build());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(json(get).get("code").asInt()).isEqualTo(405);
        assertThat(json(get).get("status").asText()).isEqualTo("fail");
        assertThat(get.headers().firstValue("Allow")).contains("POST");

        for (String path : List.of("/1/uploads", "/1/upload/x", "/1/profile.json", "/")) {
            HttpResponse<String> notFound = UploadClient.send(HttpRequest.newBuilder(URI.create(emulator.baseUri() + path))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertThat(notFound.statusCode()).as(path).isEqualTo(404);
            assertThat(json(notFound).get("code").asInt()).isEqualTo(404);
        }
    }

    @Test
    void partialBatchStoresOnlyTheValidRecords() throws Exception {
        HttpResponse<String> response = client.upload(batch(profileWithEmail("u1", "a@b.com"),
                profileWithEmail("u2", "not-an-email"), event("u3")));

        JsonNode body = json(response);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.get("status").asText()).isEqualTo("partial");
        assertThat(body.get("processed").asInt()).isEqualTo(2);
        JsonNode rejected = body.get("unprocessed").get(0);
        assertThat(rejected.get("status").asText()).isEqualTo("fail");
        assertThat(rejected.get("code").asInt()).isEqualTo(515);
        assertThat(rejected.get("error").asText())
                .isEqualTo("Profile data is incorrect. Email is not valid.Skipped record number : 2");
        assertThat(rejected.get("record")).isEqualTo(json(profileWithEmail("u2", "not-an-email")));
        assertThat(emulator.storedRecords()).extracting(record -> record.get("identity")).containsExactly("u1", "u3");
    }

    @Test
    void storedRecordsAreTheJsonAsSentPerAccount() throws Exception {
        client.upload(batch(event("u1")));
        new UploadClient(emulator, "ACC-2", "pass-2").upload(batch(profileWithEmail("u2", "a@b.com")));

        assertThat(emulator.storedRecords()).hasSize(2);
        Map<String, Object> stored = emulator.storedRecords("ACC-1").get(0);
        assertThat(stored).containsEntry("type", "event").containsEntry("identity", "u1")
                .containsEntry("ts", 1521649275).containsEntry("evtName", "Web Event")
                .containsEntry("evtData", Map.of("Amount", 1));
        assertThat(emulator.storedRecords("ACC-2")).singleElement()
                .satisfies(record -> assertThat(record).containsEntry("profileData", Map.of("Email", "a@b.com")));
        assertThat(emulator.storedRecords("ACC-3")).isEmpty();
    }

    @Test
    void dryRunValidatesButStoresNothing() throws Exception {
        HttpResponse<String> response = client.upload("dryRun=1",
                batch(event("u1"), profileWithEmail("u2", "bad")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("partial");
        assertThat(json(response).get("processed").asInt()).isEqualTo(1);
        assertThat(emulator.storedRecords()).isEmpty();
        assertThat(emulator.storedRecordCount()).isZero();
        EmulatorStats stats = emulator.stats();
        assertThat(stats.recordsReceived()).isEqualTo(2);
        assertThat(stats.recordsStored()).isZero();
        assertThat(stats.recordsRejected()).isEqualTo(1);

        assertThat(client.upload("dryRun=0", batch(event("u1"))).statusCode()).isEqualTo(200);
        assertThat(emulator.storedRecordCount()).isEqualTo(1);
    }

    @Test
    void allRejectedBatchIsFail() throws Exception {
        JsonNode body = json(client.upload(batch("{\"type\":\"token\",\"identity\":\"u1\"}", "42")));

        assertThat(body.get("status").asText()).isEqualTo("fail");
        assertThat(body.get("processed").asInt()).isZero();
        assertThat(body.get("unprocessed")).extracting(entry -> entry.get("code").asInt()).containsExactly(524, 512);
        assertThat(body.get("unprocessed").get(1).get("error").asText()).endsWith("Skipped record number : 2");
    }

    @Test
    void successHasEmptyUnprocessed() throws Exception {
        JsonNode body = json(client.upload(batch(event("u1"))));

        assertThat(body.toString()).isEqualTo("{\"status\":\"success\",\"processed\":1,\"unprocessed\":[]}");
    }

    @Test
    void statsCountRequestsRecordsAndBatchSizes() throws Exception {
        client.upload(batch(event("a"), event("b"), event("c")));
        client.upload(batch(event("d"), profileWithEmail("e", "bad")));
        client.upload("dryRun=1", batch(event("f")));
        client.upload("{}");
        new UploadClient(emulator, "ACC-1", "wrong").upload(batch(event("g")));

        EmulatorStats stats = emulator.stats();
        assertThat(stats.requests()).isEqualTo(5);
        assertThat(stats.responsesByStatus()).containsOnly(entry(200, 3L), entry(400, 1L), entry(401, 1L));
        assertThat(stats.batchSizes()).containsExactly(3, 2, 1);
        assertThat(stats.meanBatchSize()).isEqualTo(2.0);
        assertThat(stats.recordsReceived()).isEqualTo(6);
        assertThat(stats.recordsStored()).isEqualTo(4);
        assertThat(stats.recordsRejected()).isEqualTo(1);
        assertThat(stats.peakInFlight()).isEqualTo(1);
        assertThat(stats.peakInFlight("ACC-1")).isEqualTo(1);
        assertThat(stats.peakInFlight("ACC-2")).isZero();
        // Counted out after the last byte is written, which the client may read a moment earlier.
        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.stats().inFlight() == 0);
        assertThat(emulator.storedRecordCount()).isEqualTo(4);
    }

    @Test
    void recordedRequestsMaskThePasscode() throws Exception {
        String body = batch(event("u1"));
        client.upload("dryRun=0", body);

        List<RecordedRequest> requests = emulator.requests();
        assertThat(requests).hasSize(1);
        RecordedRequest recorded = requests.get(0);
        assertThat(recorded.accountId()).isEqualTo("ACC-1");
        assertThat(recorded.query()).isEqualTo("dryRun=0");
        assertThat(recorded.headers().get("X-CleverTap-Passcode")).containsExactly("xxxxxx");
        assertThat(recorded.headers().get("x-clevertap-account-id")).containsExactly("ACC-1");
        assertThat(recorded.body()).isEqualTo(body);
        assertThat(recorded.status()).isEqualTo(200);
        assertThat(json(recorded.responseBody()).get("status").asText()).isEqualTo("success");
        assertThat(recorded.toString()).doesNotContain("pass-1");
    }

    @Test
    void withoutRetentionOnlyCountsAreKept() throws Exception {
        try (CleverTapEmulator counting = CleverTapEmulator.builder().retainRecords(false).build().start()) {
            UploadClient countingClient = new UploadClient(counting, "TEST-ACCOUNT", "test-passcode");
            countingClient.upload(batch(event("a"), event("b")));

            assertThat(counting.storedRecordCount()).isEqualTo(2);
            assertThat(counting.stats().recordsStored()).isEqualTo(2);
            assertThat(counting.storedRecords()).isEmpty();
            assertThat(counting.requests()).isEmpty();
        }
    }

    @Test
    void keepAliveAnswersAreNotHeldBackByDelayedAcks() throws Exception {
        // With Nagle's algorithm on the server socket each answer would wait ~40 ms for the client's delayed ACK:
        // 100 sequential uploads would take 4 s or more instead of a fraction of a second.
        long started = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            assertThat(client.upload(batch(event("u" + i))).statusCode()).isEqualTo(200);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void latencyCanBeChangedWhileRunning() throws Exception {
        emulator.setLatency(Duration.ofMillis(300));
        long started = System.nanoTime();

        assertThat(client.upload(batch(event("u1"))).statusCode()).isEqualTo(200);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(emulator.latency()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void resetClearsStatsRecordsRequestsAndFaults() throws Exception {
        client.upload(batch(event("u1")));
        emulator.faults().enqueue(Fault.status(503));
        // The answered request leaves the count a moment after its answer; a reset keeps what is still in flight.
        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.stats().inFlight() == 0);

        emulator.reset();

        assertThat(emulator.storedRecords()).isEmpty();
        assertThat(emulator.storedRecordCount()).isZero();
        assertThat(emulator.requests()).isEmpty();
        assertThat(emulator.stats().requests()).isZero();
        assertThat(emulator.stats().batchSizes()).isEmpty();
        assertThat(emulator.stats().peakInFlight()).isZero();
        assertThat(emulator.faults().pending()).isZero();
        assertThat(client.upload(batch(event("u1"))).statusCode()).isEqualTo(200);
    }

    @Test
    void startingTwiceOrAfterCloseFails() {
        org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(emulator::start);
        emulator.close();
        emulator.close(); // idempotent
    }
}
