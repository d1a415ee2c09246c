package io.github.camelclevertap.routetemplates;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kamelet page's route, run by Camel Main: `kamelet:clevertap-slack-source` (camel-slack's consumer, polling a Slack
 * stand-in on loopback) → `kamelet:clevertap-sink` (the emulator). The records CleverTap stores are the messages of
 * people, with their author, channel, text and time; the token reaches Slack only in the Authorization header and
 * never the log, even with Slack's and camel-slack's loggers at DEBUG.
 */
class SlackSourceTest {

    private static final String ACCOUNT = "ACC-SlackSourceTest";
    private static final String PASSCODE = "pc-slack-source-SECRET";
    static final String TOKEN = SlackReadmeRoute.TOKEN;
    static final String ROUTE = "routes/slack-to-clevertap.yaml";
    private static final String EVENT = "Slack Message Posted";
    private static final Path LOG = Path.of("target/route-templates-test.log");
    private static final List<String> DEBUG_LOGGERS = List.of("com.slack.api", "org.apache.camel.component.slack",
            "io.github.camelclevertap.routetemplates.SlackUserMessageFilter");

    @RegisterExtension
    static final SlackReadmeRoute README_ROUTE = new SlackReadmeRoute(ROUTE, ACCOUNT, PASSCODE)
            .debugLogging(DEBUG_LOGGERS);
    static final EmulatorExtension EMULATOR = README_ROUTE.emulator();
    private static SlackStandIn slack;

    @BeforeAll
    static void slack() {
        slack = README_ROUTE.slack();
    }

    @Test
    void messagesOfPeopleBecomeEventsWithAuthorChannelTextAndTime() {
        String hello = slack.userMessage("U0761GWKPEU", "Hello <#C0761PQ4ZL2>, the release is out :tada:");
        String reply = slack.subtypeMessage("thread_broadcast", "U0761H2B7MZ", "Grüße aus Köln — läuft!");
        String me = slack.userMessage("U0761H2B7MZ", "thanks");

        await().atMost(Duration.ofSeconds(10)).until(() -> EMULATOR.get().storedRecords().size() == 3);

        assertThat(EMULATOR.get().storedRecords()).containsExactlyInAnyOrder(
                event("U0761GWKPEU", hello, "Hello <#C0761PQ4ZL2>, the release is out :tada:"),
                event("U0761H2B7MZ", reply, "Grüße aus Köln — läuft!"),
                event("U0761H2B7MZ", me, "thanks"));
    }

    @Test
    void messagesOfBotsAndSlackItselfAreSkipped() throws Exception {
        String bot = slack.botMessage("Deploy #412 finished");
        String join = slack.subtypeMessage("channel_join", "U0761JQ0E9A", "<@U0761JQ0E9A> has joined the channel");
        String after = slack.userMessage("U0761JQ0E9A", "hi all");

        // the person's message after them is stored: had the others been sent, they would be stored before it
        await().atMost(Duration.ofSeconds(10)).until(() -> !EMULATOR.get().storedRecords().isEmpty());

        assertThat(EMULATOR.get().storedRecords()).containsExactly(event("U0761JQ0E9A", after, "hi all"));
        // skipped by the filter, not failed on the way (a bot's message has no user: CleverTap would refuse it)
        assertThat(Files.readString(LOG))
                .contains("Slack message " + bot + " skipped: subtype bot_message, bot B0761R7H3CF")
                .contains("Slack message " + join + " skipped: subtype channel_join, bot null");
    }

    @Test
    void camelSlackFindsTheChannelThenReadsWhatFollowsTheNewestMessageItSaw() {
        // this test may run first: wait for the poll after the first one
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls().stream()
                .filter(c -> c.method().equals("conversations.history")).count() >= 2);
        List<SlackStandIn.Call> calls = slack.calls().stream().filter(c -> !c.method().equals("auth.test")).toList();

        // Slack's SDK asks who the token is once (for its metrics), camel-slack then finds the channel's id once
        assertThat(slack.calls()).filteredOn(c -> c.method().equals("auth.test")).hasSize(1);
        assertThat(calls).filteredOn(c -> c.method().equals("conversations.list")).hasSize(1);
        assertThat(calls.get(0).method()).isEqualTo("conversations.list");
        assertThat(calls.get(0).params()).containsEntry("types", "public_channel");
        // the first read takes just the newest message; later ones what came after it, 200 at most
        assertThat(calls.get(1).method()).isEqualTo("conversations.history");
        assertThat(calls.get(1).params()).containsEntry("channel", SlackStandIn.CHANNEL_ID)
                .containsEntry("limit", "1").doesNotContainKey("oldest");
        assertThat(calls.get(2).params()).containsEntry("channel", SlackStandIn.CHANNEL_ID)
                .containsEntry("limit", "200").containsEntry("oldest", README_ROUTE.firstTs());
    }

    @Test
    void theTokenReachesSlackOnlyInTheAuthorizationHeaderAndNeverTheLog() throws Exception {
        slack.userMessage("U0761GWKPEU", "one more");
        await().atMost(Duration.ofSeconds(10)).until(() -> !EMULATOR.get().storedRecords().isEmpty());

        assertThat(slack.calls()).isNotEmpty().allSatisfy(call -> {
            assertThat(call.authorization()).isEqualTo("Bearer " + TOKEN);
            assertThat(call.params().values()).doesNotContain(TOKEN);
        });
        String log = Files.readString(LOG);
        // the log did record the route, its masked token and Slack's client at DEBUG (with masked headers) ...
        assertThat(log).contains("(kamelet:clevertap-slack-source)").contains("token = xxxxxx")
                .contains("POST " + slack.url() + "/api/conversations.history").contains("Authorization: (redacted)");
        // ... and holds neither the token nor the passcode
        assertThat(log).doesNotContain(TOKEN).doesNotContain("TOKEN-DO-NOT-LOG")
                .doesNotContain(PASSCODE);
    }

    @Test
    void theKameletPageShowsThisRoute() throws Exception {
        String readme = Files.readString(Path.of("docs/clevertap-slack-source.md"));
        String route = new String(getClass().getClassLoader().getResourceAsStream(ROUTE).readAllBytes());

        assertThat(readme).contains("# clevertap-slack-source").contains("```yaml\n" + route + "```");
    }

    static Map<String, Object> event(String user, String ts, String text) {
        return Map.of("type", "event", "identity", user, "ts", Math.toIntExact(SlackStandIn.seconds(ts)),
                "evtName", EVENT, "evtData", Map.of("channel", SlackStandIn.CHANNEL, "text", text));
    }
}
