package io.github.camelclevertap.routetemplates.review;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Promise: at the bound exactly, N calls wait and one more gets 503; once they are answered, new calls are accepted
 * again. With maxWaitingCalls 1, one caller sending its calls one after the other (the next once it has the answer
 * of the previous) never has more than one call waiting, so none of its calls may be refused.
 */
class WebhookAnsweredCallFreesItsSlotTest {

    private CleverTapEmulator emulator;
    private WebhookRun run;

    @AfterEach
    void stop() {
        if (run != null) {
            run.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void aCallerSendingOneCallAtATimeIsNeverRefused() throws Exception {
        emulator = WebhookRun.emulator();
        run = WebhookRun.start("routes/review18-one.yaml", emulator, Map.of());
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            HttpResponse<String> answer = WebhookRun.HTTP.send(run.call("review18/one",
                    "{\"user_id\": \"q-" + i + "\", \"name\": \"Q\"}"), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                refused.add("call " + i + ": " + answer.statusCode() + " " + answer.body());
            }
        }
        assertThat(refused).as("calls refused while no other call was waiting").isEmpty();
    }
}
