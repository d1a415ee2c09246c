package io.github.camelclevertap.routetemplates;

import java.util.Map;

import com.slack.api.model.Message;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cases of {@link SlackMessageMapper} and {@link SlackUserMessageFilter} the end-to-end tests do not reach: a message without text, the subtypes
 * list as people write it, and the configuration errors.
 */
class SlackMessageMapperTest {

    private final SlackMessageMapper mapper = new SlackMessageMapper();
    private final SlackUserMessageFilter userMessages = new SlackUserMessageFilter();

    @Test
    void aMessageWithoutTextBecomesAnEventWithTheChannelOnly() throws Exception {
        mapper.setChannel("general");
        mapper.setEventName("Posted in Slack");
        Message message = message("U0761GWKPEU", "file_share", null);
        message.setTs("1763899200.000100");
        Exchange exchange = exchange(message);

        mapper.process(exchange);

        assertThat(exchange.getMessage().getBody(Map.class)).isEqualTo(Map.of("type", "event",
                "identity", "U0761GWKPEU", "ts", 1763899200L, "evtName", "Posted in Slack",
                "evtData", Map.of("channel", "general")));
    }

    @Test
    void subtypesAreTrimmedAndOnlyTheListedOnesArePeoplesMessages() {
        userMessages.setSubtypes(" file_share , thread_broadcast,");

        assertThat(userMessages.matches(exchange(message("U1", null, null)))).isTrue();
        assertThat(userMessages.matches(exchange(message("U1", "file_share", null)))).isTrue();
        assertThat(userMessages.matches(exchange(message("U1", "thread_broadcast", null)))).isTrue();
        assertThat(userMessages.matches(exchange(message("U1", "channel_join", null)))).isFalse();
        assertThat(userMessages.matches(exchange(message("U1", null, "B0761R7H3CF")))).as("a bot posting as a user")
                .isFalse();
        assertThat(userMessages.matches(exchange(message(null, null, null)))).isFalse();
    }

    @Test
    void anEmptyEventNameIsRefusedWithTheParameterName() {
        assertThatThrownBy(() -> mapper.setEventName(" ")).hasMessage("eventName must not be empty");
    }

    @Test
    void slackTimestampsBecomeWholeEpochSeconds() {
        assertThat(SlackMessageMapper.epochSeconds("1763899200.999999")).isEqualTo(1763899200L);
        assertThat(SlackMessageMapper.epochSeconds("1763899200")).isEqualTo(1763899200L);
    }

    private static Exchange exchange(Message body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(body);
        return exchange;
    }

    private static Message message(String user, String subtype, String botId) {
        Message message = new Message();
        message.setUser(user);
        message.setSubtype(subtype);
        message.setBotId(botId);
        return message;
    }
}
