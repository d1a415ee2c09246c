package io.github.camelclevertap.benchmarks;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Sets the request headers a hand-written CleverTap route needs before its {@code http:} call. */
final class CleverTapHeaders implements Processor {

    private final Trial trial;

    CleverTapHeaders(Trial trial) {
        this.trial = trial;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        message.setHeader("X-CleverTap-Account-Id", trial.accountId());
        message.setHeader("X-CleverTap-Passcode", trial.passcode());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
    }
}
