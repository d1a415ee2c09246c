package io.github.camelclevertap.routetemplates.review;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Promise (route-templates/README.md, added with #18): "503 | more than maxWaitingCalls calls are waiting, or the
 * route is suspended; answered at once with Retry-After: 1". The route an application suspends or stops is its own
 * (`from: kamelet:clevertap-webhook-source`), whose consumer is the Kamelet's; the HTTP consumer belongs to the
 * Kamelet's inner route, which stays up. A call then enters the inner route and waits in `kamelet:sink` for a
 * consumer (the kamelet component's 30 s block), holding a thread of the webhook pool, and ends 500.
 */
class WebhookSuspendedRouteAnswers503AtOnceTest {

    private CleverTapEmulator emulator;
    private WebhookRun run;

    @BeforeEach
    void start() {
        emulator = WebhookRun.emulator();
        run = WebhookRun.start("routes/review18-webhook.yaml", emulator, Map.of());
    }

    @AfterEach
    void stop() {
        run.close();
        emulator.close();
    }

    @Test
    void aCallToTheSuspendedRouteIsAnswered503WithRetryAfterAtOnce() throws Exception {
        run.context().getRouteController().suspendRoute("review18-webhook");
        assertRefusedAtOnce();
    }

    @Test
    void aCallToTheStoppedRouteIsRefusedAtOnce() throws Exception {
        run.context().getRouteController().stopRoute("review18-webhook");
        assertRefusedAtOnce();
    }

    private void assertRefusedAtOnce() throws Exception {
        HttpRequest call = HttpRequest.newBuilder(run.uri("review18/signup"))
                .header("Content-Type", "application/json").header("X-Webhook-Secret", WebhookRun.SECRET)
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("{\"user_id\": \"s-0\", \"name\": \"S\"}")).build();
        HttpResponse<String> refused;
        try {
            refused = WebhookRun.HTTP.send(call, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            fail("a call to the suspended/stopped webhook route got no answer within 5 s");
            return;
        }
        assertThat(refused.statusCode()).as(refused.body()).isIn(503, 404);
        if (refused.statusCode() == 503) {
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        }
        assertThat(emulator.storedRecords()).isEmpty();
    }
}
