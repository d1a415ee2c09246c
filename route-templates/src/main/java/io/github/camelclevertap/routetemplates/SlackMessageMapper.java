package io.github.camelclevertap.routetemplates;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.slack.api.model.Message;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a Slack message, as camel-slack's consumer hands it over (a {@link Message} from `conversations.history`),
 * into a CleverTap event: the author's user id is the `identity`, the message's `ts` the event time, and the
 * channel and text the event data.
 * <p>
 * Only messages people wrote become events ({@link #isUserMessage}): a message with a `bot_id` or without a `user`
 * is a bot's, and one whose `subtype` is not listed in {@link #setSubtypes} is a system message (a join, a topic
 * change, an edit notice).
 */
public class SlackMessageMapper implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(SlackMessageMapper.class);

    private String channel;
    private String eventName = "Slack Message Posted";
    private Set<String> subtypes = Set.of();

    /**
     * The channel's name, sent as the `channel` event property (history messages do not name their channel).
     */
    public void setChannel(String channel) {
        this.channel = channel;
    }

    /**
     * The CleverTap event name of every message.
     */
    public void setEventName(String eventName) {
        if (eventName == null || eventName.isBlank()) {
            throw new IllegalArgumentException("eventName must not be empty");
        }
        this.eventName = eventName;
    }

    /**
     * Comma-separated message subtypes that are still a person's message, such as `thread_broadcast,file_share`.
     */
    public void setSubtypes(String subtypes) {
        this.subtypes = Arrays.stream(subtypes == null ? new String[0] : subtypes.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Whether the message was written by a person, not a bot or Slack itself.
     */
    public boolean isUserMessage(Message message) {
        boolean person = message.getBotId() == null && message.getUser() != null
                         && (message.getSubtype() == null || subtypes.contains(message.getSubtype()));
        if (!person) {
            LOG.debug("Slack message {} in {} skipped: subtype {}, bot {}", message.getTs(), channel,
                    message.getSubtype(), message.getBotId());
        }
        return person;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage().getMandatoryBody(Message.class);
        Map<String, Object> evtData = new LinkedHashMap<>();
        evtData.put("channel", channel);
        if (message.getText() != null) {
            evtData.put("text", message.getText());
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", "event");
        record.put("identity", message.getUser());
        record.put("ts", epochSeconds(message.getTs()));
        record.put("evtName", eventName);
        record.put("evtData", evtData);
        exchange.getMessage().setBody(record);
    }

    /** Slack's `ts` is epoch seconds with a microsecond-like suffix that makes it unique: `1700000000.000100`. */
    static long epochSeconds(String ts) {
        int dot = ts.indexOf('.');
        return Long.parseLong(dot < 0 ? ts : ts.substring(0, dot));
    }
}
