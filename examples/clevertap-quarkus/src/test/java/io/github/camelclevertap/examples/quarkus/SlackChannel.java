package io.github.camelclevertap.examples.quarkus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.camelclevertap.routetemplates.SlackStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Switches the Slack flow on against a stand-in of Slack's Web API on loopback (never slack.com), whose channel
 * holds one message when the app starts: a token, the stand-in's URL, a poll every 100 ms and the Kamelet's file of
 * sent messages under {@code target/}. The token reaches the app in a properties file, as a mounted secret would: the
 * integration tests print the app's command line. Slack's and camel-slack's loggers are at DEBUG, so that a test
 * can check the token is not in the app's log file. Runs in the test JVM also for the packaged app of the
 * integration tests.
 */
public class SlackChannel implements QuarkusTestResourceLifecycleManager {

    /** Given to the app and the stand-in only; it must never be logged. */
    static final String TOKEN = "xoxb-7613-4417-APP-TOKEN-DO-NOT-LOG";
    static final String EVENT_NAME = "Team Chat Message";
    /** The author of the message in the channel before the app starts. */
    static final String FIRST_AUTHOR = "U0761GWKPEU";
    static final String FIRST_TEXT = "posted before the app started";

    private static SlackStandIn slack;
    private static String firstTs;

    @Override
    public Map<String, String> start() {
        try {
            Path target = Files.createDirectories(Path.of("target")).toAbsolutePath();
            Path state = Files.createTempDirectory(target, "slack-state-");
            Path secrets = Files.createTempFile(target, "slack-flow-", ".properties");
            Files.writeString(secrets, "flows.slack.token=" + TOKEN + "\nflows.slack.event-name=" + EVENT_NAME + "\n");
            slack = new SlackStandIn(TOKEN);
            // camel-slack reads only the newest message until it has seen one: this one, so that it then reads all
            firstTs = slack.userMessage(FIRST_AUTHOR, FIRST_TEXT);
            // not quarkus.config.locations: @QuarkusIntegrationTest hands the quarkus.* properties of a test resource
            // to the apps of the later test classes too, which would then read Slack (slack.com) with the token
            return Map.of("smallrye.config.locations", secrets.toUri().toString(),
                    "flows.slack.server-url", slack.url(),
                    "camel.kamelet.clevertap-slack-source.delay", "100",
                    "camel.kamelet.clevertap-slack-source.stateDirectory", state.toString(),
                    // carried over to the later apps of the integration tests, where no Slack flow runs
                    "quarkus.log.category.\"com.slack.api\".level", "DEBUG",
                    "quarkus.log.category.\"org.apache.camel.component.slack\".level", "DEBUG");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (slack != null) {
            slack.close();
        }
    }

    static SlackStandIn slack() {
        return slack;
    }

    /** The ts of the message in the channel before the app started. */
    static String firstTs() {
        return firstTs;
    }
}
