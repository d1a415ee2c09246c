package io.github.camelclevertap.routetemplates;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import com.slack.api.model.Message;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets through the Slack messages a person wrote: not a bot's (a message with a `bot_id`, or without a `user`), nor
 * one of Slack's own (a `subtype` not listed in {@link #setSubtypes}: joins, topic changes, edit notices).
 */
public class SlackUserMessageFilter implements Predicate {

    private static final Logger LOG = LoggerFactory.getLogger(SlackUserMessageFilter.class);

    private Set<String> subtypes = Set.of();

    /**
     * Comma-separated message subtypes that are still a person's message, such as `thread_broadcast,file_share`.
     */
    public void setSubtypes(String subtypes) {
        this.subtypes = Arrays.stream(subtypes == null ? new String[0] : subtypes.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean matches(Exchange exchange) {
        Message message = exchange.getMessage().getBody(Message.class);
        boolean person = message != null && message.getBotId() == null && message.getUser() != null
                         && (message.getSubtype() == null || subtypes.contains(message.getSubtype()));
        if (!person && message != null) {
            LOG.debug("Slack message {} skipped: subtype {}, bot {}", message.getTs(), message.getSubtype(),
                    message.getBotId());
        }
        return person;
    }
}
