package io.github.camelclevertap.benchmarks;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The peers' way of the webhook benchmark: turns the mapped record into its own CleverTap upload request
 * ({@code {"d": [record]}} with the account headers) for camel-http.
 */
public class PeerUploadRequest implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String accountId;
    private String passcode;

    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }

    public void setPasscode(String passcode) {
        this.passcode = passcode;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String body = JSON.writeValueAsString(Map.of("d", List.of(message.getBody())));
        message.removeHeaders("*");
        message.setHeader("X-CleverTap-Account-Id", accountId);
        message.setHeader("X-CleverTap-Passcode", passcode);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setBody(body);
    }
}
