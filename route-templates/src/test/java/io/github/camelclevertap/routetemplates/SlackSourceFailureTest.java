package io.github.camelclevertap.routetemplates;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.camelclevertap.component.CleverTapDeliveryException;
import io.github.camelclevertap.component.CleverTapRecordRejectedException;
import io.github.camelclevertap.emulator.Fault;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelclevertap.routetemplates.SlackSourceTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What happens to a Slack message whose delivery fails, in the Kamelet page's route with a dead letter channel: a message
 * CleverTap rejects and one CleverTap could not take reach it with the reason, the messages after them are stored,
 * and camel-slack never reads a failed message again. An error of Slack itself (rate limited) loses nothing.
 */
class SlackSourceFailureTest {

    private static final String ACCOUNT = "ACC-SlackSourceFailureTest";
    private static final String PASSCODE = "pc-slack-failure-SECRET";
    private static final String ROUTE = "routes/slack-to-clevertap-dead-letters.yaml";

    @RegisterExtension
    static final SlackReadmeRoute README_ROUTE = new SlackReadmeRoute(ROUTE, ACCOUNT, PASSCODE,
            "slack.dead-letter-uri", "mock:failed",
            // the sink tries a request twice, without waiting long
            "camel.kamelet.clevertap-sink.maxRetries", "1", "camel.kamelet.clevertap-sink.retryDelay", "10",
            "camel.kamelet.clevertap-sink.maxRetryDelay", "20");
    static final EmulatorExtension EMULATOR = README_ROUTE.emulator();
    private static SlackStandIn slack;
    private static MockEndpoint failed;

    @BeforeAll
    static void start() {
        slack = README_ROUTE.slack();
        failed = README_ROUTE.main().getCamelContext().getEndpoint("mock:failed", MockEndpoint.class);
    }

    @AfterEach
    void resetMock() {
        failed.reset();
    }

    @Test
    void aMessageCleverTapRejectsReachesTheErrorHandlerWithItsCodeAndTheMessagesAfterItAreStored() throws Exception {
        String tooLong = "x".repeat(600); // CleverTap keeps at most 512 bytes per value
        String rejectedTs = slack.userMessage("U0761GWKPEU", tooLong);
        String fineTs = slack.userMessage("U0761H2B7MZ", "a short one");
        failed.expectedMessageCount(1);

        failed.assertIsSatisfied(10_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> !EMULATOR.get().storedRecords().isEmpty());

        Exchange failure = failed.getReceivedExchanges().get(0);
        CleverTapRecordRejectedException rejected =
                failure.getProperty(Exchange.EXCEPTION_CAUGHT, CleverTapRecordRejectedException.class);
        assertThat(rejected).isNotNull();
        assertThat(rejected.getCode()).isEqualTo(512);
        assertThat(rejected.getMessage()).contains("evtData.text");
        assertThat(rejected.getRecord()).containsEntry("identity", "U0761GWKPEU")
                .containsEntry("evtData", Map.of("channel", "general", "text", tooLong));
        assertThat(((Number) rejected.getRecord().get("ts")).longValue()).isEqualTo(SlackStandIn.seconds(rejectedTs));
        assertThat(EMULATOR.get().storedRecords()).containsExactly(event("U0761H2B7MZ", fineTs, "a short one"));
    }

    @Test
    void whenCleverTapCannotTakeAMessageItReachesTheErrorHandlerAndIsNeverReadAgain() throws Exception {
        // the sink tries twice (maxRetries=1): both answered 503
        EMULATOR.get().faults().enqueue(Fault.status(503), Fault.status(503));
        String lostTs = slack.userMessage("U0761GWKPEU", "during the outage");
        failed.expectedMessageCount(1);

        failed.assertIsSatisfied(10_000);
        CleverTapDeliveryException undelivered = failed.getReceivedExchanges().get(0)
                .getProperty(Exchange.EXCEPTION_CAUGHT, CleverTapDeliveryException.class);
        assertThat(undelivered).isNotNull();
        assertThat(undelivered.getHttpStatus()).isEqualTo(503);
        assertThat(undelivered.getRecords()).singleElement()
                .satisfies(record -> assertThat(record).containsEntry("identity", "U0761GWKPEU")
                        .containsEntry("evtData", Map.of("channel", "general", "text", "during the outage")));
        int callsBefore = slack.calls().size();

        String afterTs = slack.userMessage("U0761H2B7MZ", "after the outage");
        await().atMost(Duration.ofSeconds(10)).until(() -> !EMULATOR.get().storedRecords().isEmpty());

        assertThat(EMULATOR.get().storedRecords()).containsExactly(event("U0761H2B7MZ", afterTs, "after the outage"));
        assertThat(EMULATOR.get().requests()).hasSize(3);
        // camel-slack had moved past the failed message before it was delivered: no later read includes it
        List<SlackStandIn.Call> later = slack.calls().subList(callsBefore, slack.calls().size());
        assertThat(later).isNotEmpty().allSatisfy(call -> assertThat(new BigDecimal(call.params().get("oldest")))
                .isGreaterThanOrEqualTo(new BigDecimal(lostTs)));
    }

    @Test
    void theKameletPageShowsThisRoute() throws Exception {
        String readme = Files.readString(Path.of("docs/clevertap-slack-source.md"));
        String route = new String(getClass().getClassLoader().getResourceAsStream(ROUTE).readAllBytes());

        assertThat(readme).contains("```yaml\n" + route + "```");
    }

    @Test
    void whenSlackRateLimitsTheNextPollReadsFromTheSamePlaceAndLosesNothing() throws Exception {
        int callsBefore = slack.calls().size();
        // the next three reads fail with HTTP 429; the messages are in the channel by the second
        slack.rateLimitNext(3);
        String first = slack.userMessage("U0761GWKPEU", "first");
        String second = slack.userMessage("U0761H2B7MZ", "second");

        await().atMost(Duration.ofSeconds(10)).until(() -> EMULATOR.get().storedRecords().size() == 2);

        assertThat(EMULATOR.get().storedRecords()).containsExactlyInAnyOrder(
                event("U0761GWKPEU", first, "first"), event("U0761H2B7MZ", second, "second"));
        assertThat(slack.calls().size() - callsBefore).isGreaterThan(3);
        assertThat(failed.getReceivedCounter()).isZero();
        // camel-slack logs each failed poll with the endpoint's URI: the token in it is masked
        assertThat(Files.readString(Path.of("target/route-templates-test.log")))
                .contains("Failed polling endpoint: slack://general?").contains("&token=xxxxxx")
                .doesNotContain(SlackSourceTest.TOKEN);
    }
}
