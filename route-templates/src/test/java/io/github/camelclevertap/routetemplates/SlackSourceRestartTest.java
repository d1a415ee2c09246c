package io.github.camelclevertap.routetemplates;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.camelclevertap.component.CleverTapDeliveryException;
import io.github.camelclevertap.emulator.Fault;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static io.github.camelclevertap.routetemplates.SlackSourceTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kamelet page's route stopped and started again, as a redeployment does. camel-slack keeps its position in memory: a
 * new start reads only the channel's newest message, then what follows it. The Kamelet's file of sent messages keeps
 * that message from being sent twice, and lets one whose delivery failed be sent again.
 */
class SlackSourceRestartTest {

    private static final String ACCOUNT = "ACC-SlackSourceRestartTest";
    private static final String PASSCODE = "pc-slack-restart-SECRET";

    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension(emulator -> emulator.account(ACCOUNT, PASSCODE));
    @TempDir
    Path state;
    private SlackStandIn slack;
    private Main main;

    @BeforeEach
    void startSlack() throws Exception {
        slack = new SlackStandIn(SlackSourceTest.TOKEN);
    }

    @AfterEach
    void stopAll() {
        stopRoute();
        slack.close();
    }

    @Test
    void onStartTheNewestMessageIsSentAndMessagesPostedWhileStoppedBeforeItAreNot() throws Exception {
        slack.userMessage("U0761GWKPEU", "an old message");
        String newest = slack.userMessage("U0761H2B7MZ", "the newest message");
        startRoute();

        await().atMost(Duration.ofSeconds(10)).until(() -> !EMULATOR.get().storedRecords().isEmpty());
        stopRoute();
        slack.userMessage("U0761GWKPEU", "posted while stopped");
        String newestWhileStopped = slack.userMessage("U0761H2B7MZ", "posted while stopped, the newest");
        int calls = slack.calls().size();
        startRoute();
        awaitReadAfter(newestWhileStopped, calls);
        String after = slack.userMessage("U0761GWKPEU", "posted after the restart");
        await().atMost(Duration.ofSeconds(10)).until(() -> EMULATOR.get().storedRecords().size() == 3);

        assertThat(EMULATOR.get().storedRecords()).containsExactlyInAnyOrder(
                event("U0761H2B7MZ", newest, "the newest message"),
                event("U0761H2B7MZ", newestWhileStopped, "posted while stopped, the newest"),
                event("U0761GWKPEU", after, "posted after the restart"));
    }

    @Test
    void aRestartDoesNotSendTheNewestMessageAgain() throws Exception {
        String sent = slack.userMessage("U0761GWKPEU", "sent before the restart");
        startRoute();
        await().atMost(Duration.ofSeconds(10)).until(() -> !EMULATOR.get().storedRecords().isEmpty());
        stopRoute();
        EMULATOR.get().reset();

        int calls = slack.calls().size();
        startRoute();
        // the new consumer's first read hands the same message over again
        awaitReadAfter(sent, calls);
        String after = slack.userMessage("U0761H2B7MZ", "posted after the restart");
        await().atMost(Duration.ofSeconds(10)).until(() -> !EMULATOR.get().storedRecords().isEmpty());

        assertThat(EMULATOR.get().storedRecords()).containsExactly(
                event("U0761H2B7MZ", after, "posted after the restart"));
        assertThat(Files.readAllLines(state.resolve("general.sent"))).containsExactly(sent, after);
    }

    @Test
    void aMessageWhoseDeliveryFailedIsSentAgainWhenARestartHandsItOverAgain() throws Exception {
        EMULATOR.get().faults().enqueue(Fault.status(503));
        String failed = slack.userMessage("U0761GWKPEU", "failed before the restart");
        startRoute("camel.kamelet.clevertap-sink.maxRetries", "0");
        await().atMost(Duration.ofSeconds(10)).until(() -> EMULATOR.get().requests().size() == 1);
        // a graceful stop waits for the failed exchange to complete: Camel's default error handler logs it
        stopRoute();
        assertThat(EMULATOR.get().storedRecords()).isEmpty();
        assertThat(Files.readString(Path.of("target/route-templates-test.log")))
                .contains("Exhausted after delivery attempt: 1 caught: " + CleverTapDeliveryException.class.getName())
                .contains("WARN  SlackConsumer                  - Error processing exchange");

        startRoute();
        await().atMost(Duration.ofSeconds(10)).until(() -> !EMULATOR.get().storedRecords().isEmpty());

        assertThat(EMULATOR.get().storedRecords()).containsExactly(
                event("U0761GWKPEU", failed, "failed before the restart"));
    }

    /**
     * Waits for a read, from the `from`th call on, of what follows the message: the consumer's first read (the newest
     * message only) is done, so a message posted from now on is read as a new one.
     */
    private void awaitReadAfter(String ts, int from) {
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls().subList(from, slack.calls().size()).stream()
                .anyMatch(call -> ts.equals(call.params().get("oldest"))));
    }

    private void startRoute(String... properties) throws Exception {
        main = SlackReadmeRoute.start(SlackSourceTest.ROUTE, slack, state,
                EMULATOR.get().baseUri().toString(), ACCOUNT, PASSCODE, properties);
    }

    private void stopRoute() {
        if (main != null) {
            main.stop();
            main = null;
        }
    }
}
