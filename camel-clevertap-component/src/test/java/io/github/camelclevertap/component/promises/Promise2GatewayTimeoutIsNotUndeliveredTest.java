package io.github.camelclevertap.component.promises;

import java.time.Duration;
import java.util.List;

import io.github.camelclevertap.component.CleverTapDeliveryException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Promise 2 ("undelivered means not stored"): {@code AnswerClassifier} calls every HTTP 5xx undelivered ("never
 * stored; sending them again duplicates nothing"). CleverTap documents 500 and 503 ("retry later"), but a 504 (or a
 * 502) is written by a gateway in front of CleverTap that gave up waiting for it: the request reached the origin,
 * which may well have stored the records. Such records are of unknown outcome; reported undelivered, a dead letter
 * channel sends them again and an event (a Charged, say) is counted twice.
 */
class Promise2GatewayTimeoutIsNotUndeliveredTest extends PromisesTestSupport {

    @Test
    void aGatewayTimeoutLeavesTheRecordsUnknown() {
        clevertap.then(ScriptedCleverTap.answer(504,
                "<html><body><h1>504 Gateway Time-out</h1>The server didn't respond in time.</body></html>"));
        Exchange done = sendAndAwait(uri("event", "batchSize=2&batchTimeout=10&maxRetries=0"),
                List.of(java.util.Map.of("type", "event", "identity", "u1", "evtName", "Charged", "evtData",
                        java.util.Map.of("Amount", 10)),
                        java.util.Map.of("type", "event", "identity", "u2", "evtName", "Charged", "evtData",
                                java.util.Map.of("Amount", 20))),
                Duration.ofSeconds(10));

        CleverTapDeliveryException failure = (CleverTapDeliveryException) done.getException();
        assertThat(failure.getHttpStatus()).isEqualTo(504);
        assertThat(failure.getUndeliveredRecords()).as("records reported as never stored").isEmpty();
        assertThat(failure.getUnknownRecords()).as("records that may be stored").hasSize(2);
    }
}
