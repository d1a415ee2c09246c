package io.github.camelclevertap.routetemplates.review;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Promise: nothing waits forever, and a waiting call holds no thread; "checking and mapping run on a Camel thread
 * pool, not the HTTP server's one event loop". When that pool is busy (its threads taken by a slow step, its queue
 * full), the Kamelet's `threads` step runs the call on the caller's thread (the default profile's CallerRuns policy),
 * and the caller is the Vert.x event loop: one slow call then stalls every call on the server, the 503 "at once"
 * refusals and other routes included. The blocking consumer of before only ever blocked a worker thread.
 */
class WebhookSlowStepNeverStallsOtherCallsTest {

    private CleverTapEmulator emulator;
    private WebhookRun run;

    @AfterEach
    void stop() {
        BlockingStep.release.countDown();
        if (run != null) {
            run.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void aSlowStepOnABusyPoolNeverRunsOnTheEventLoop() throws Exception {
        BlockingStep.release = new CountDownLatch(1);
        BlockingStep.threads.clear();
        emulator = WebhookRun.emulator();
        run = WebhookRun.start("routes/review18-slow-step.yaml", emulator, Map.of(
                "camel.beans.slowStep", "#class:" + BlockingStep.class.getName(),
                "camel.threadpool.pool-size", "1",
                "camel.threadpool.max-pool-size", "1",
                "camel.threadpool.max-queue-size", "1"));

        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        calls.add(WebhookRun.HTTP.sendAsync(run.call("review18/slow", "{\"user_id\": \"s-0\"}"),
                HttpResponse.BodyHandlers.ofString()));
        await().atMost(Duration.ofSeconds(10)).until(() -> BlockingStep.threads.size() == 1);
        // one more waits in the pool's queue, the third finds the pool busy
        for (int i = 1; i <= 2; i++) {
            calls.add(WebhookRun.HTTP.sendAsync(run.call("review18/slow", "{\"user_id\": \"s-" + i + "\"}"),
                    HttpResponse.BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ofMillis(300))
                .until(() -> calls.stream().allMatch(c -> !c.isDone()));

        // another route of the same server must still answer, whatever this webhook's steps do
        CompletableFuture<HttpResponse<String>> ping = WebhookRun.HTTP.sendAsync(HttpRequest.newBuilder(
                run.uri("review18/ping")).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        try {
            assertThat(ping.get(3, TimeUnit.SECONDS).body()).isEqualTo("pong");
        } catch (TimeoutException e) {
            fail("the server answered nothing for 3 s while a webhook step waited; the step ran on threads "
                 + BlockingStep.threads);
        }
        assertThat(BlockingStep.threads).as("threads that ran the webhook's steps")
                .noneMatch(name -> name.contains("eventloop"));
        BlockingStep.release.countDown();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertThat(call.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void callsToAStoppedRouteOnABusyPoolNeverStallTheServer() throws Exception {
        emulator = WebhookRun.emulator();
        run = WebhookRun.start("routes/review18-webhook.yaml", emulator, Map.of(
                "camel.threadpool.pool-size", "1",
                "camel.threadpool.max-pool-size", "1",
                "camel.threadpool.max-queue-size", "0"));
        // an operator stops the application's webhook route (maintenance): its Kamelet's HTTP consumer stays up
        run.context().getRouteController().stopRoute("review18-webhook");
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            calls.add(WebhookRun.HTTP.sendAsync(run.call("review18/signup", "{\"user_id\": \"t-" + i + "\", \"name\": \"T\"}"),
                    HttpResponse.BodyHandlers.ofString()));
        }
        // both calls are in the route (the bound is 2): one on the pool's only thread, one on the caller's thread;
        // or (since the HTTP consumer refuses calls to a stopped route at once) both are answered already
        await().atMost(Duration.ofSeconds(10)).until(() -> run.context().getInflightRepository().size() >= 2
                || calls.stream().allMatch(CompletableFuture::isDone));
        CompletableFuture<HttpResponse<String>> ping = WebhookRun.HTTP.sendAsync(HttpRequest.newBuilder(
                run.uri("review18/ping")).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        try {
            assertThat(ping.get(3, TimeUnit.SECONDS).body()).isEqualTo("pong");
        } catch (TimeoutException e) {
            fail("the server answered nothing for 3 s while 2 calls waited for the stopped webhook route");
        }
    }
}
