package io.github.camelclevertap.component.promises;

import java.time.Duration;
import java.util.List;

import io.github.camelclevertap.component.CleverTapDeliveryException;
import io.github.camelclevertap.component.UndeliveredRecord;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static io.github.camelclevertap.component.promises.ScriptedCleverTap.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Case 1: HTTP 200 {@code {"status":"fail","error":..,"code":C}} with no {@code unprocessed} means no record was
 * stored. C = 429 or >= 500 is retried like an HTTP error of that status; any other code is given up at once and the
 * records are undelivered.
 *
 * <p>On the old code (commit ae82a89), run with the new getters replaced by reflective calls (a temporary variant; these tests do not compile on the old code), all three failed on behaviour: the 200/fail answer
 * was read as every record stored (status success, Processed = batch size, no exception):
 * {@code fail200WithoutEntriesIsNeverReportedStored:43} and {@code fail200WithCode400IsGivenUpAtOnceWithoutRetry:61}
 * "Expecting actual not to be null" (the exchange's exception); {@code fail200WithCode503IsRetriedLikeHttp503:78}
 * "[requests] expected: 2 but was: 1".
 */
class Fail200WithoutUnprocessedTest extends PromisesTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:noRetry").to(uri("profile", "batchTimeout=10&maxRetries=0"));
                from("direct:retries").to(uri("profile", "batchTimeout=10&maxRetries=2&retryDelay=10&maxRetryDelay=10"));
            }
        };
    }

    @Test
    void fail200WithoutEntriesIsNeverReportedStored() {
        clevertap.then(answer(200, "{\"status\":\"fail\",\"error\":\"Service unavailable\",\"code\":503}"));

        Exchange exchange = sendAndAwait("direct:noRetry", profiles(3), Duration.ofSeconds(10));

        assertThat(exchange.getException()).isInstanceOf(CleverTapDeliveryException.class);
        CleverTapDeliveryException failure = (CleverTapDeliveryException) exchange.getException();
        assertThat(failure.getUndeliveredRecords()).extracting(UndeliveredRecord::index).containsExactly(0L, 1L, 2L);
        assertThat(exchange.getMessage().getHeader(STATUS)).isEqualTo("fail");
        assertThat(exchange.getMessage().getHeader(PROCESSED)).isEqualTo(0);
        assertThat(exchange.getMessage().getHeader(UNPROCESSED)).isEqualTo(3);
        List<UndeliveredRecord> undelivered = listHeader(exchange, UNDELIVERED_RECORDS);
        assertThat(undelivered).extracting(UndeliveredRecord::index).containsExactly(0L, 1L, 2L);
        assertThat(listHeader(exchange, UNKNOWN_RECORDS)).isEmpty();
        assertThat(clevertap.requestCount()).isEqualTo(1);
    }

    @Test
    void fail200WithCode400IsGivenUpAtOnceWithoutRetry() {
        clevertap.then(answer(200, "{\"status\":\"fail\",\"error\":\"Bad request\",\"code\":400}"));

        Exchange exchange = sendAndAwait("direct:retries", profiles(2), Duration.ofSeconds(10));

        assertThat(exchange.getException()).isInstanceOf(CleverTapDeliveryException.class);
        CleverTapDeliveryException failure = (CleverTapDeliveryException) exchange.getException();
        assertThat(failure.getUndeliveredRecords()).extracting(UndeliveredRecord::index).containsExactly(0L, 1L);
        assertThat(exchange.getMessage().getHeader(STATUS)).isEqualTo("fail");
        assertThat(exchange.getMessage().getHeader(PROCESSED)).isEqualTo(0);
        // given up, not retried: exactly one request, now and a moment later
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> clevertap.requestCount() == 1);
    }

    @Test
    void fail200WithCode503IsRetriedLikeHttp503() {
        clevertap.then(answer(200, "{\"status\":\"fail\",\"error\":\"Service unavailable\",\"code\":503}"));
        // then the stand-in stores everything

        Exchange exchange = sendAndAwait("direct:retries", profiles(2), Duration.ofSeconds(10));

        assertThat(clevertap.requestCount()).as("requests").isEqualTo(2);
        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(STATUS)).isEqualTo("success");
        assertThat(exchange.getMessage().getHeader(PROCESSED)).isEqualTo(2);
    }
}
