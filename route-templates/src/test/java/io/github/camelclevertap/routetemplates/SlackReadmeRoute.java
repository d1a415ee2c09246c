package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.camel.main.Main;
import org.apache.camel.util.FileUtil;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * The Kamelet page's Slack route run by Camel Main for a test class, against a Slack stand-in and an emulator of its own.
 * Before the route starts, the channel holds one message; camel-slack's first poll hands it over
 * (SlackSourceRestartTest says more) and it is stored, then the emulator is emptied: each test sees only what it posts
 * itself.
 */
final class SlackReadmeRoute implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    static final String TOKEN = "xoxb-7613-4417-TOKEN-DO-NOT-LOG";

    private final String route;
    private final String account;
    private final String passcode;
    private final String[] properties;
    private final EmulatorExtension emulator;
    private List<String> debugLoggers = List.of();
    private Path state;
    private SlackStandIn slack;
    private Main main;
    private String firstTs;

    /** {@code properties}: more Camel Main properties (key, value, key, value...). */
    SlackReadmeRoute(String route, String account, String passcode, String... properties) {
        this.route = route;
        this.account = account;
        this.passcode = passcode;
        this.properties = properties;
        this.emulator = new EmulatorExtension(builder -> builder.account(account, passcode));
    }

    /** Loggers to set to DEBUG while the route runs (back to INFO after the class). */
    SlackReadmeRoute debugLogging(List<String> loggers) {
        debugLoggers = loggers;
        return this;
    }

    /** Camel Main running the Kamelet page's route, at the tests' pace (Kamelet properties set for every use). */
    static Main start(String route, SlackStandIn slack, Path state, String emulator, String account, String passcode,
                      String... properties) {
        return start(route, slack, state, emulator, account, passcode, Map.of(), properties);
    }

    /** As {@link #start(String, SlackStandIn, Path, String, String, String, String...)}, with beans bound. */
    static Main start(String route, SlackStandIn slack, Path state, String emulator, String account, String passcode,
                      Map<String, Object> beans, String... properties) {
        Main main = new Main();
        beans.forEach(main::bind);
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

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        emulator.beforeAll(context);
        debugLoggers.forEach(logger -> Configurator.setLevel(logger, Level.DEBUG));
        state = Files.createTempDirectory("slack-state");
        slack = new SlackStandIn(TOKEN);
        firstTs = slack.userMessage("U0761GWKPEU", "posted before the route started");
        main = start(route, slack, state, emulator.get().baseUri().toString(), account, passcode, properties);
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.get().storedRecords().size() == 1);
        emulator.get().reset();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        emulator.afterEach(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (main != null) {
                main.stop();
            }
            if (slack != null) {
                slack.close();
            }
        } finally {
            debugLoggers.forEach(logger -> Configurator.setLevel(logger, Level.INFO));
            emulator.afterAll(context);
            if (state != null) {
                FileUtil.removeDir(state.toFile());
            }
        }
    }

    EmulatorExtension emulator() {
        return emulator;
    }

    SlackStandIn slack() {
        return slack;
    }

    Main main() {
        return main;
    }

    /** The time stamp of the message in the channel before the route started. */
    String firstTs() {
        return firstTs;
    }
}
