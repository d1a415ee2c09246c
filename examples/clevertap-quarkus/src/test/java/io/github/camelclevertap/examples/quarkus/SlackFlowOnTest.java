package io.github.camelclevertap.examples.quarkus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.github.camelclevertap.routetemplates.SlackStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Slack flow with a token, polling a stand-in of Slack's Web API: what people post in the channel arrives in the
 * emulator as CleverTap events, and the token goes nowhere but Slack's Authorization header.
 */
@QuarkusTest
@WithTestResource(EmbeddedDefaults.class)
@WithTestResource(SlackChannel.class)
class SlackFlowOnTest {

    /** %test.quarkus.log.file.path: the integration tests have the packaged app log there too. */
    private static final Path APP_LOG = Path.of("target/quarkus-test.log");

    @BeforeEach
    void newestMessageAtStartIsSent() {
        // camel-slack's first poll reads it; from then on it reads every message that follows
        assertThat(EmulatorRecords.awaitWithIdentity(SlackChannel.FIRST_AUTHOR, records -> !records.isEmpty()))
                .containsExactly(event(SlackChannel.FIRST_AUTHOR, SlackChannel.firstTs(), SlackChannel.FIRST_TEXT));
    }

    @Test
    void messagesPostedInTheChannelBecomeEventsOfTheirAuthor() {
        String user = "U" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        String hello = SlackChannel.slack().userMessage(user, "Hello <#C0761PQ4ZL2>, the release is out :tada:");
        String thanks = SlackChannel.slack().userMessage(user, "Grüße aus Köln — danke!");

        assertThat(EmulatorRecords.awaitWithIdentity(user, records -> records.size() == 2)).containsExactlyInAnyOrder(
                event(user, hello, "Hello <#C0761PQ4ZL2>, the release is out :tada:"),
                event(user, thanks, "Grüße aus Köln — danke!"));
    }

    @Test
    void theTokenIsSentOnlyInTheAuthorizationHeaderAndNeverLogged() throws IOException {
        // conversations.list finds the channel, then each poll reads its history
        await().atMost(Duration.ofSeconds(30)).until(() -> SlackChannel.slack().calls().stream()
                .filter(call -> call.method().equals("conversations.history")).count() >= 2);

        // checked as booleans, so that a failure does not print the token either
        for (SlackStandIn.Call call : SlackChannel.slack().calls()) {
            assertThat(("Bearer " + SlackChannel.TOKEN).equals(call.authorization()))
                    .as("%s carries the token in its Authorization header", call.method()).isTrue();
            assertThat(call.params().values().stream().anyMatch(value -> value.contains(SlackChannel.TOKEN)))
                    .as("%s carries the token in its form parameters %s", call.method(), call.params().keySet())
                    .isFalse();
        }
        String log = Files.readString(APP_LOG);
        assertThat(log.contains("conversations.history")).as("the app's log has Slack's DEBUG lines").isTrue();
        assertThat(log.contains(SlackChannel.TOKEN.substring(0, 16))).as("the token or its start is in the app's log")
                .isFalse();
    }

    private static Map<String, Object> event(String user, String ts, String text) {
        return Map.of("type", "event", "identity", user, "ts", Math.toIntExact(SlackStandIn.seconds(ts)),
                "evtName", SlackChannel.EVENT_NAME, "evtData", Map.of("channel", SlackStandIn.CHANNEL, "text", text));
    }
}
