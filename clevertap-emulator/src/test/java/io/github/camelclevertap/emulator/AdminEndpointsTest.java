package io.github.camelclevertap.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static io.github.camelclevertap.emulator.UploadClient.batch;
import static io.github.camelclevertap.emulator.UploadClient.event;
import static io.github.camelclevertap.emulator.UploadClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The loopback inspection endpoints under {@code /emulator/}. */
class AdminEndpointsTest {

    private CleverTapEmulator emulator;
    private UploadClient acc1;
    private UploadClient acc2;

    @BeforeEach
    void start() throws Exception {
        emulator = CleverTapEmulator.builder().account("ACC-1", "pass-1").account("ACC-2", "pass-2").build().start();
        acc1 = new UploadClient(emulator, "ACC-1", "pass-1");
        acc2 = new UploadClient(emulator, "ACC-2", "pass-2");
        acc1.upload(batch(event("a"), event("b")));
        acc2.upload(batch(event("c")));
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void recordsListsEveryStoredRecordInArrivalOrder() throws Exception {
        HttpResponse<String> response = acc1.get("/emulator/records");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).extracting(record -> record.get("identity").asText()).containsExactly("a", "b", "c");
        assertThat(json(response).get(0)).isEqualTo(json(event("a")));
    }

    @Test
    void recordsCanBeFilteredByAccount() throws Exception {
        JsonNode records = json(acc1.get("/emulator/records?account=ACC-2"));

        assertThat(records).extracting(record -> record.get("identity").asText()).containsExactly("c");
    }

    @Test
    void statsIsAJsonSnapshot() throws Exception {
        // a request counts until its answer is completely written, which the client may read first
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> emulator.stats().inFlight() == 0);
        JsonNode stats = json(acc1.get("/emulator/stats"));

        assertThat(stats.get("requests").asLong()).isEqualTo(2);
        assertThat(stats.get("responsesByStatus").get("200").asLong()).isEqualTo(2);
        assertThat(stats.get("recordsReceived").asLong()).isEqualTo(3);
        assertThat(stats.get("recordsStored").asLong()).isEqualTo(3);
        assertThat(stats.get("recordsRejected").asLong()).isZero();
        assertThat(stats.get("batchSizes")).extracting(JsonNode::asInt).containsExactly(2, 1);
        assertThat(stats.get("meanBatchSize").asDouble()).isEqualTo(1.5);
        assertThat(stats.get("peakInFlight").asInt()).isEqualTo(1);
        assertThat(stats.get("peakInFlightByAccount").get("ACC-2").asInt()).isEqualTo(1);
        assertThat(stats.get("inFlight").asInt()).isZero();
    }

    @Test
    void resetClearsEverything() throws Exception {
        HttpResponse<String> response = acc1.post("/emulator/reset");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(emulator.storedRecords()).isEmpty();
        assertThat(emulator.stats().requests()).isZero();
        assertThat(json(acc1.get("/emulator/records"))).isEmpty();
    }

    @Test
    void wrongMethodsAndUnknownPathsAreRefused() throws Exception {
        assertThat(acc1.get("/emulator/reset").statusCode()).isEqualTo(405);
        assertThat(acc1.post("/emulator/records").statusCode()).isEqualTo(405);
        assertThat(acc1.get("/emulator/nothing").statusCode()).isEqualTo(404);
        assertThat(emulator.storedRecordCount()).isEqualTo(3);
    }
}
