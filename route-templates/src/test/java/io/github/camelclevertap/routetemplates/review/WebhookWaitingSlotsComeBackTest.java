package io.github.camelclevertap.routetemplates.review;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumerAware;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Promise: every waiting slot is given back exactly once, whichever way the call ends; calls on one connection are
 * answered once each, in order. Route bounded at 2 waiting calls. These held on the reviewed code.
 */
class WebhookWaitingSlotsComeBackTest {

    private CleverTapEmulator emulator;
    private WebhookRun run;

    @BeforeEach
    void start() {
        emulator = WebhookRun.emulator();
        run = WebhookRun.start("routes/review18-webhook.yaml", emulator, Map.of());
    }

    @AfterEach
    void stop() {
        emulator.releaseAnswers();
        run.close();
        emulator.close();
    }

    @Test
    void callersThatHangUpWhileWaitingGiveTheirSlotsBack() throws Exception {
        emulator.holdAnswers();
        try (Socket a = new Socket("127.0.0.1", run.port); Socket b = new Socket("127.0.0.1", run.port)) {
            a.getOutputStream().write(raw("h-0", false).getBytes(StandardCharsets.UTF_8));
            b.getOutputStream().write(raw("h-1", false).getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingCalls() == 2);
            // the bound holds: one more is refused at once
            HttpResponse<String> refused = WebhookRun.HTTP.send(run.call("review18/signup",
                    "{\"user_id\": \"h-2\", \"name\": \"H\"}"), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        }
        emulator.releaseAnswers();
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingCalls() == 0);
        for (int i = 3; i < 6; i++) {
            assertThat(WebhookRun.HTTP.send(run.call("review18/signup", "{\"user_id\": \"h-" + i + "\", \"name\": \"H\"}"),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingCalls() == 0);
    }

    @Test
    void pipelinedCallsOnOneConnectionAreEachAnsweredOnceInOrder() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", run.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((raw("p-0", false) + raw("p-1", false) + raw("p-2", true)).getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answers = readAll(socket.getInputStream());
            assertThat(answers.split("HTTP/1.1 ", -1)).hasSize(4);
            // the third waited while the first two took the 2 slots, or was refused: never a lost answer
            assertThat(answers).startsWith("HTTP/1.1 200");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingCalls() == 0);
    }

    @Test
    void expectContinueIsAnsweredAndReleased() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", run.port)) {
            socket.setSoTimeout(10_000);
            String body = "{\"user_id\": \"e-0\", \"name\": \"E\"}";
            OutputStream out = socket.getOutputStream();
            out.write(("POST /review18/signup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                       + "X-Webhook-Secret: " + WebhookRun.SECRET + "\r\nExpect: 100-continue\r\nConnection: close\r\n"
                       + "Content-Length: " + body.length() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] first = new byte[25];
            int n = in.read(first);
            assertThat(new String(first, 0, n, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 100");
            out.write(body.getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(readAll(in)).contains("HTTP/1.1 200");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingCalls() == 0);
    }

    private static String raw(String id, boolean close) {
        String body = "{\"user_id\": \"" + id + "\", \"name\": \"P\"}";
        return "POST /review18/signup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Webhook-Secret: "
               + WebhookRun.SECRET + "\r\n" + (close ? "Connection: close\r\n" : "")
               + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.UTF_8);
    }

    private int waitingCalls() throws Exception {
        List<Object> consumers = run.context().getRoutes().stream().map(Route::getConsumer)
                .filter(PlatformHttpConsumerAware.class::isInstance)
                .map(c -> (Object) ((PlatformHttpConsumerAware) c).getPlatformHttpConsumer())
                .filter(c -> c.getClass().getSimpleName().equals("WebhookHttpConsumer")).toList();
        assertThat(consumers).hasSize(1);
        Method waiting = consumers.get(0).getClass().getDeclaredMethod("waitingCalls");
        waiting.setAccessible(true);
        return (int) waiting.invoke(consumers.get(0));
    }
}
