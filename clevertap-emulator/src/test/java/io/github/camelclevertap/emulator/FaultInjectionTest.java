package io.github.camelclevertap.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.github.camelclevertap.emulator.UploadClient.batch;
import static io.github.camelclevertap.emulator.UploadClient.event;
import static io.github.camelclevertap.emulator.UploadClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/** Injected faults, as the component's retry logic will meet them. */
class FaultInjectionTest {

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
    void queuedStatusFaultsApplyInOrderThenNormalBehaviourResumes() throws Exception {
        emulator.faults().enqueue(Fault.status(503), Fault.status(429));

        HttpResponse<String> first = client.upload(batch(event("u1")));
        HttpResponse<String> second = client.upload(batch(event("u1")));
        HttpResponse<String> third = client.upload(batch(event("u1")));

        assertThat(first.statusCode()).isEqualTo(503);
        JsonNode body = json(first);
        assertThat(body.get("status").asText()).isEqualTo("fail");
        assertThat(body.get("code").asInt()).isEqualTo(503);
        assertThat(body.get("error").asText()).isNotBlank();
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(json(second).get("code").asInt()).isEqualTo(429);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(emulator.storedRecordCount()).isEqualTo(1);
        assertThat(emulator.stats().responsesByStatus()).containsOnly(entry(200, 1L), entry(429, 1L), entry(503, 1L));
        assertThat(emulator.stats().batchSizes()).containsExactly(1);
        assertThat(emulator.faults().pending()).isZero();
    }

    @Test
    void noneLetsARequestThroughInTheQueue() throws Exception {
        emulator.faults().enqueue(Fault.none(), Fault.status(503));

        assertThat(client.upload(batch(event("u1"))).statusCode()).isEqualTo(200);
        assertThat(client.upload(batch(event("u1"))).statusCode()).isEqualTo(503);
        assertThat(client.upload(batch(event("u1"))).statusCode()).isEqualTo(200);
    }

    @Test
    void faultsAreNotSpentOnUnauthenticatedRequests() throws Exception {
        emulator.faults().enqueue(Fault.status(500));

        assertThat(new UploadClient(emulator, "ACC-1", "wrong").upload(batch(event("u1"))).statusCode()).isEqualTo(401);
        assertThat(client.upload(batch(event("u1"))).statusCode()).isEqualTo(500);
    }

    @Test
    void droppedConnectionIsAnIoErrorAndStoresNothing() throws Exception {
        emulator.faults().enqueue(Fault.dropConnection());

        assertThatExceptionOfType(IOException.class).isThrownBy(() -> client.upload(batch(event("u1"))));

        assertThat(emulator.storedRecordCount()).isZero();
        assertThat(emulator.stats().responsesByStatus()).containsOnly(entry(0, 1L));
        assertThat(emulator.requests()).singleElement().satisfies(request -> {
            assertThat(request.dropped()).isTrue();
            assertThat(request.status()).isZero();
        });
        // Counted out once the connection is closed, which the client may notice a moment earlier.
        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.stats().inFlight() == 0);
        assertThat(client.upload(batch(event("u1"))).statusCode()).isEqualTo(200);
    }

    @Test
    void dropAfterStoreKeepsTheRecordsButTheClientSeesAnIoError() throws Exception {
        emulator.faults().enqueue(Fault.dropAfterStore());

        assertThatExceptionOfType(IOException.class).isThrownBy(() -> client.upload(batch(event("u1"), event("u2"))));

        assertThat(emulator.storedRecords()).extracting(record -> record.get("identity")).containsExactly("u1", "u2");
        assertThat(emulator.stats().recordsStored()).isEqualTo(2);
        assertThat(emulator.stats().responsesByStatus()).containsOnly(entry(0, 1L));

        // A retry of the same batch is how duplicates reach CleverTap.
        assertThat(client.upload(batch(event("u1"), event("u2"))).statusCode()).isEqualTo(200);
        assertThat(emulator.storedRecordCount()).isEqualTo(4);
    }

    @Test
    void slowResponseTimesOutAtTheClientAfterStoring() throws Exception {
        emulator.faults().enqueue(Fault.slowResponse(Duration.ofSeconds(5)));

        assertThatExceptionOfType(HttpTimeoutException.class).isThrownBy(() -> UploadClient.send(
                client.uploadRequest(null, batch(event("u1"))).timeout(Duration.ofMillis(300)).build()));

        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.storedRecordCount() == 1);
        assertThat(emulator.storedRecords()).singleElement()
                .satisfies(record -> assertThat(record).containsEntry("identity", "u1"));
    }

    @Test
    void slowResponseAnswersNormallyAfterTheDelay() throws Exception {
        emulator.faults().enqueue(Fault.slowResponse(Duration.ofMillis(300)));
        long started = System.nanoTime();

        HttpResponse<String> response = client.upload(batch(event("u1")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void clearRemovesQueuedFaultsAndRandomMode() throws Exception {
        emulator.faults().enqueue(Fault.status(503)).random(1, FaultRates.builder().p503(1.0).build());

        emulator.faults().clear();

        assertThat(client.upload(batch(event("u1"))).statusCode()).isEqualTo(200);
    }

    @Test
    void randomModeIsReproducibleForASeed() throws Exception {
        FaultRates rates = FaultRates.builder().p503(0.2).p500(0.1).p429(0.2).build();

        List<Integer> firstRun = statusesWithRandomFaults(42, rates, 40);
        emulator.reset();
        List<Integer> secondRun = statusesWithRandomFaults(42, rates, 40);

        assertThat(secondRun).isEqualTo(firstRun);
        assertThat(firstRun).contains(200, 503, 500, 429).containsOnly(200, 503, 500, 429);
    }

    @Test
    void randomModeCanDropAndSlowDown() throws Exception {
        emulator.faults().random(7, FaultRates.builder().pDrop(0.5).pSlow(0.5).slowDelay(Duration.ofMillis(10)).build());
        int dropped = 0;
        int answered = 0;
        for (int i = 0; i < 10; i++) {
            try {
                assertThat(client.upload(batch(event("u" + i))).statusCode()).isEqualTo(200);
                answered++;
            } catch (IOException e) {
                dropped++;
            }
        }

        assertThat(dropped).isPositive();
        assertThat(answered).isPositive();
        assertThat(emulator.stats().responses(0)).isEqualTo(dropped);
        assertThat(emulator.storedRecordCount()).isEqualTo(answered);
    }

    @Test
    void randomModeCanDropAfterStoring() throws Exception {
        emulator.faults().random(11, FaultRates.builder().pDropAfterStore(1.0).build());

        assertThatExceptionOfType(IOException.class).isThrownBy(() -> client.upload(batch(event("u1"))));
        assertThat(emulator.storedRecordCount()).as("stored, though the client got no answer").isEqualTo(1);
        assertThat(emulator.faults().injected(Fault.Kind.DROP_AFTER_STORE)).isEqualTo(1);
    }

    @Test
    void injectedFaultsAreCountedByKindUntilReset() throws Exception {
        emulator.faults().enqueue(Fault.none(), Fault.status(503), Fault.status(429), Fault.status(503));
        for (int i = 0; i < 5; i++) {
            client.upload(batch(event("u" + i)));
        }
        emulator.faults().clear();

        assertThat(emulator.faults().injected()).containsOnly(entry(Fault.Kind.STATUS, 3L));
        assertThat(emulator.faults().injected(Fault.Kind.SLOW_RESPONSE)).isZero();
        emulator.reset();
        assertThat(emulator.faults().injected()).isEmpty();
    }

    @Test
    void queuedFaultsComeBeforeRandomOnes() throws Exception {
        emulator.faults().random(3, FaultRates.builder().p500(1.0).build()).enqueue(Fault.status(503));

        assertThat(client.upload(batch(event("u1"))).statusCode()).isEqualTo(503);
        assertThat(client.upload(batch(event("u1"))).statusCode()).isEqualTo(500);
    }

    @Test
    void invalidFaultsAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Fault.status(200));
        assertThatIllegalArgumentException().isThrownBy(() -> Fault.slowResponse(Duration.ofSeconds(-1)));
        assertThatIllegalArgumentException().isThrownBy(() -> FaultRates.builder().p503(0.6).p500(0.6).build());
        assertThatIllegalArgumentException().isThrownBy(() -> FaultRates.builder().pDrop(-0.1).build());
    }

    private List<Integer> statusesWithRandomFaults(long seed, FaultRates rates, int requests) throws Exception {
        emulator.faults().random(seed, rates);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            statuses.add(client.upload(batch(event("u" + i))).statusCode());
        }
        return statuses;
    }
}
