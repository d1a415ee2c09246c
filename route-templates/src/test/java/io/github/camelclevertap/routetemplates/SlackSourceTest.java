package io.github.camelclevertap.routetemplates;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.camel.main.Main;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's route, run by Camel Main: `kamelet:clevertap-slack-source` (camel-slack's consumer, polling a Slack
 * stand-in on loopback) → `kamelet:clevertap-sink` (the emulator). The records CleverTap stores are the messages of
 * people, with their author, channel, text and time; the token reaches Slack only in the Authorization header and
 * never the log, even with Slack's and camel-slack's loggers at DEBUG.
 */
class SlackSourceTest {

    private static final String ACCOUNT = "ACC-SlackSourceTest";
    private static final String PASSCODE = "pc-slack-source-SECRET";
    static final String TOKEN = "xoxb-7613-4417-TOKEN-DO-NOT-LOG";
    static final String ROUTE = "routes/slack-to-clevertap.yaml";
    private static final String EVENT = "Slack Message Posted";
    private static final Path LOG = Path.of("target/route-templates-test.log");
    private static final List<String> DEBUG_LOGGERS = List.of("com.slack.api", "org.apache.camel.component.slack",
            "io.github.camelclevertap.routetemplates.SlackUserMessageFilter");

    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension(emulator -> emulator.account(ACCOUNT, PASSCODE));
    @TempDir
    static Path state;
    private static SlackStandIn slack;
    private static Main main;
    private static String firstTs;

    @BeforeAll
    static void start() throws Exception {
        DEBUG_LOGGERS.forEach(logger -> Configurator.setLevel(logger, Level.DEBUG));
        slack = new SlackStandIn(TOKEN);
        firstTs = slack.userMessage("U0761GWKPEU", "posted before the route started");
        main = startReadmeRoute(ROUTE, slack, state, EMULATOR.get().baseUri().toString(), ACCOUNT, PASSCODE);
        // camel-slack's first poll hands over the channel's newest message (SlackSourceRestartTest says more)
        await().atMost(Duration.ofSeconds(10)).until(() -> EMULATOR.get().storedRecords().size() == 1);
        EMULATOR.get().reset();
    }

    @AfterAll
    static void stop() throws Exception {
        if (main != null) {
            main.stop();
        }
        if (slack != null) {
            slack.close();
        }
        DEBUG_LOGGERS.forEach(logger -> Configurator.setLevel(logger, Level.INFO));
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
                .containsEntry("limit", "200").containsEntry("oldest", firstTs);
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
    void theReadmeShowsThisRoute() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String route = new String(getClass().getClassLoader().getResourceAsStream(ROUTE).readAllBytes());

        assertThat(readme).contains("## clevertap-slack-source").contains("```yaml\n" + route + "```");
    }

    /** Camel Main running the README's route, at the tests' pace (Kamelet properties set for every use). */
    static Main startReadmeRoute(String route, SlackStandIn slack, Path state, String emulator, String account,
            String passcode, String... properties) throws Exception {
        Main main = new Main();
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:" + route);
        main.addInitialProperty("slack.token", TOKEN);
        main.addInitialProperty("slack.server-url", slack.url());
        main.addInitialProperty("slack.state-directory", state.toString());
        main.addInitialProperty("clevertap.region", "eu1");
        main.addInitialProperty("clevertap.account-id", account);
        main.addInitialProperty("clevertap.passcode", passcode);
        main.addInitialProperty("clevertap.base-uri", emulator);
        main.addInitialProperty("camel.kamelet.clevertap-slack-source.delay", "100");
        main.addInitialProperty("camel.kamelet.clevertap-sink.batchTimeout", "20");
        for (int i = 0; i < properties.length; i += 2) {
            main.addInitialProperty(properties[i], properties[i + 1]);
        }
        main.start();
        return main;
    }

    static Map<String, Object> event(String user, String ts, String text) {
        return Map.of("type", "event", "identity", user, "ts", Math.toIntExact(SlackStandIn.seconds(ts)),
                "evtName", EVENT, "evtData", Map.of("channel", SlackStandIn.CHANNEL, "text", text));
    }
}
