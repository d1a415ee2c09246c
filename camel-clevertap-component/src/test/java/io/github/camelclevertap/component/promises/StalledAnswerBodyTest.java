package io.github.camelclevertap.component.promises;

import java.time.Duration;
import java.util.List;

import io.github.camelclevertap.component.CleverTapDeliveryException;
import io.github.camelclevertap.component.UndeliveredRecord;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static io.github.camelclevertap.component.promises.ScriptedCleverTap.stallBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Case 3: {@code requestTimeout} bounds the whole answer, its body included. An answer whose headers came but whose
 * body stalls past the timeout leaves its records unknown (CleverTap may have stored them), the connection is closed
 * and the in-flight slot is released.
 *
 * <p>On the old code (commit ae82a89), run with the new getters replaced by reflective calls (a temporary variant; these tests do not compile on the old code): failed on behaviour before the new getters were
 * reached: "ConditionTimeout Condition with alias 'the exchange completes' didn't complete within 5 seconds" (the JDK
 * client's request timeout stops at the headers, so the exchange waited for the 30 s body).
 */
class StalledAnswerBodyTest extends PromisesTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload").to(uri("profile",
                        "batchTimeout=10&requestTimeout=500&maxRetries=0&maxConcurrentRequests=1&shutdownTimeout=1000"));
            }
        };
    }

    @Test
    void stalledAnswerBodyTimesOutWithTheRecordsUnknownAndReleasesTheSlot() {
        clevertap.then(stallBody(200, "{\"status\":\"success\",\"processed\":2,\"unprocessed\":[]}", 30_000));

        Exchange exchange = sendAndAwait("direct:upload", profiles(2), Duration.ofSeconds(5));

        assertThat(exchange.getException()).isInstanceOf(CleverTapDeliveryException.class);
        CleverTapDeliveryException failure = (CleverTapDeliveryException) exchange.getException();
        assertThat(failure.getUnknownRecords()).extracting(UndeliveredRecord::index).containsExactly(0L, 1L);
        assertThat(failure.getUndeliveredRecords()).isEmpty();
        List<UndeliveredRecord> unknown = listHeader(exchange, UNKNOWN_RECORDS);
        assertThat(unknown).extracting(UndeliveredRecord::index).containsExactly(0L, 1L);
        assertThat(listHeader(exchange, UNDELIVERED_RECORDS)).isEmpty();
        assertThat(exchange.getMessage().getHeader(PROCESSED)).isEqualTo(0);

        // the client gave up the connection: the stalled answer's next write fails
        await("the stand-in sees the connection closed").atMost(Duration.ofSeconds(5))
                .until(() -> clevertap.stallsClosedByClient() == 1 && clevertap.inFlight() == 0);
        assertThat(clevertap.stallsCompleted()).isZero();

        // the slot (maxConcurrentRequests=1) was released: the next exchange is sent and stored
        Exchange next = sendAndAwait("direct:upload", profiles(1), Duration.ofSeconds(5));
        assertThat(next.getException()).isNull();
        assertThat(next.getMessage().getHeader(STATUS)).isEqualTo("success");
        assertThat(clevertap.requestCount()).isEqualTo(2);
    }
}
