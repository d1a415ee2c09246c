package io.github.camelclevertap.routetemplates.review;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Promise: graceful shutdown; calls waiting when the application stops get an answer (not a dropped connection) and
 * their records' outcomes are honest. CleverTap holds its answers; two calls wait; Camel Main stops. The sink ends
 * both exchanges with a CleverTapDeliveryException (unknown outcome), but at a forced stop Camel does not run the
 * Kamelet's doCatch, so WebhookHttpConsumer.answer turns the exception into a bare 500 "could not be processed":
 * no "retry", no "may or may not be stored", and a WARN that the route "ended without an answer".
 */
class WebhookCallsWaitingAtStopGetAnAnswerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private CleverTapEmulator emulator;
    private WebhookRun run;

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.releaseAnswers();
        }
        if (run != null) {
            run.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void callsWaitingWhenTheContextStopsAreAnswered() throws Exception {
        emulator = WebhookRun.emulator();
        run = WebhookRun.start("routes/review18-webhook.yaml", emulator, Map.of(
                "camel.main.shutdown-timeout", "2",
                "camel.component.clevertap.shutdownTimeout", "1000"));
        emulator.holdAnswers();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            calls.add(WebhookRun.HTTP.sendAsync(run.call("review18/signup",
                    "{\"user_id\": \"x-" + i + "\", \"name\": \"X\"}"), HttpResponse.BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.stats().inFlight() > 0);
        assertThat(calls).noneMatch(CompletableFuture::isDone);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(run::close);
        List<String> outcomes = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            try {
                HttpResponse<String> response = call.get(20, TimeUnit.SECONDS);
                outcomes.add(response.statusCode() + " " + response.body());
            } catch (ExecutionException e) {
                outcomes.add("no answer: " + e.getCause());
            }
        }
        stopping.get(30, TimeUnit.SECONDS);
        run = null;
        assertThat(outcomes).as("answers of the calls waiting at stop (their records were not delivered, may be stored: 503 to retry)").allMatch(o -> o.startsWith("503 "));
        for (String outcome : outcomes) {
            JsonNode body = JSON.readTree(outcome.substring(4));
            assertThat(body.path("retry").asBoolean()).as(outcome).isTrue();
            assertThat(body.path("error").asText()).as(outcome).contains("may or may not be stored");
        }
    }
}
