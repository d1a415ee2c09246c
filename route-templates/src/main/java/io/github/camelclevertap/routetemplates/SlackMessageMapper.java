package io.github.camelclevertap.routetemplates;

import java.util.LinkedHashMap;
import java.util.Map;

import com.slack.api.model.Message;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Turns a Slack message, as camel-slack's consumer hands it over (a {@link Message} from `conversations.history`),
 * into a CleverTap event: the author's user id is the `identity`, the message's `ts` the event time, and the
 * channel and text the event data. {@link SlackUserMessageFilter} has let through only messages people wrote.
 */
public class SlackMessageMapper implements Processor {

    private String channel;
    private String eventName = "Slack Message Posted";

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
