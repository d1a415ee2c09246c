package io.github.camelclevertap.routetemplates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.component.CleverTapConstants;
import io.github.camelclevertap.component.CleverTapDeliveryException;
import io.github.camelclevertap.component.CleverTapRecordRejectedException;
import io.github.camelclevertap.component.RejectedRecord;
import io.github.camelclevertap.component.mapping.CleverTapMappingException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a webhook call once CleverTap has answered for its record, with a JSON outcome:
 * <ul>
 * <li>200 `{"status": "success", "processed": 1, "unprocessed": 0}` when CleverTap stored it;</li>
 * <li>400 with the reason when the payload could not be mapped (`CleverTapMappingException`: error and field) or
 * the record was rejected (`CleverTapRecordRejectedException`: code and error): sending it again will not help;</li>
 * <li>503 when CleverTap could not take it (HTTP 429 or 5xx past the retries, a timeout, no connection) and 502 when
 * it refused the request (HTTP 400 or 401): the record was not stored, the caller should retry;</li>
 * <li>503 when the application's webhook route is suspended or stopped (`kamelet:sink` found no consumer): nothing
 * was taken;</li>
 * <li>503 when the webhook's thread pool refused the call (`RejectedExecutionException`): nothing was taken;</li>
 * <li>500 for anything else.</li>
 * </ul>
 * Runs after the records went through the route (no exception) or in the `doCatch` of the webhook Kamelet.
 */
public class WebhookResponder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookResponder.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KAMELET_CONSUMER_NOT_AVAILABLE =
            "org.apache.camel.component.kamelet.KameletConsumerNotAvailableException";

    @Override
    public void process(Exchange exchange) throws Exception {
        respond(exchange);
    }

    /**
     * Answers the exchange from its outcome; also used by {@link WebhookHttpConsumer} for an exchange that ended with
     * an exception the Kamelet's doCatch did not see, so one place decides every answer.
     */
    static void respond(Exchange exchange) throws JsonProcessingException {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null) {
            failure = exchange.getException();
        }
        exchange.setException(null);
        Map<String, Object> outcome = new LinkedHashMap<>();
        if (failure == null) {
            outcome.put("status", exchange.getMessage().getHeader(CleverTapConstants.STATUS, "success", String.class));
            outcome.put("processed", exchange.getMessage().getHeader(CleverTapConstants.PROCESSED, 1L, Long.class));
            outcome.put("unprocessed", exchange.getMessage().getHeader(CleverTapConstants.UNPROCESSED, 0L, Long.class));
            List<?> rejected = exchange.getMessage().getHeader(CleverTapConstants.REJECTED_RECORDS, List.class);
            if (rejected != null && !rejected.isEmpty()) {
                outcome.put("rejected", rejected.stream().filter(RejectedRecord.class::isInstance)
                        .map(RejectedRecord.class::cast)
                        .map(r -> Map.of("index", r.index(), "code", r.code(), "error", r.error())).toList());
            }
            answer(exchange, 200, outcome);
            return;
        }
        outcome.put("status", "fail");
        CleverTapRecordRejectedException rejected = find(failure, CleverTapRecordRejectedException.class);
        CleverTapMappingException mapping = find(failure, CleverTapMappingException.class);
        CleverTapDeliveryException delivery = find(failure, CleverTapDeliveryException.class);
        int status;
        if (rejected != null) {
            status = 400;
            outcome.put("code", rejected.getCode());
            outcome.put("error", rejected.getError());
        } else if (mapping != null) {
            status = 400;
            outcome.put("error", mapping.getMessage());
            if (mapping.getField() != null) {
                outcome.put("field", mapping.getField());
            }
        } else if (delivery != null) {
            int upstream = delivery.getHttpStatus();
            status = upstream == 400 || upstream == 401 || upstream == 403 ? 502 : 503;
            outcome.put("error", delivery.getUnknownRecords().isEmpty()
                    ? "CleverTap did not take the record, it was not stored: " + delivery.getMessage()
                    : "CleverTap did not answer for the record, it may or may not be stored: " + delivery.getMessage());
            outcome.put("retry", status == 503);
        } else if (consumerNotAvailable(failure)) {
            // the application's route (from: kamelet:clevertap-webhook-source) is suspended or stopped
            status = 503;
            outcome.put("error", "the webhook route is not running, the record was not taken: retry later");
            outcome.put("retry", true);
        } else if (find(failure, RejectedExecutionException.class) != null) {
            // the webhook's thread pool refused the call (the route never runs it on the HTTP server's event loop)
            status = 503;
            outcome.put("error", "the webhook is busy, the record was not taken: retry later");
            outcome.put("retry", true);
        } else {
            status = 500;
            outcome.put("error", "the record could not be processed");
            LOG.warn("Webhook call failed: {}", failure.toString());
        }
        answer(exchange, status, outcome);
    }

    /**
     * Whether `kamelet:sink` found no consumer (the Kamelet's sink has `block=false`): by name, camel-kamelet is the
     * application's dependency, not this module's.
     */
    private static boolean consumerNotAvailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (KAMELET_CONSUMER_NOT_AVAILABLE.equals(t.getClass().getName())) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static void answer(Exchange exchange, int status, Map<String, Object> outcome) throws JsonProcessingException {
        // platform-http answers with the message's headers: without this the caller's own (its secret or
        // signature) would be echoed, and a form-encoded JSON body would become a header Vert.x cannot write
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(JSON.writeValueAsString(outcome));
    }
}
