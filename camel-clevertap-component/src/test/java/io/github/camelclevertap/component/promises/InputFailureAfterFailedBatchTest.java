package io.github.camelclevertap.component.promises;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.stream.Stream;

import io.github.camelclevertap.component.CleverTapDeliveryException;
import io.github.camelclevertap.component.UndeliveredRecord;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static io.github.camelclevertap.component.promises.ScriptedCleverTap.answer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Case 5: the body fails to read (an Iterator throws on its 4th next()) after its first batch of 3 was given up
 * (HTTP 400). The exchange fails with a CleverTapDeliveryException that carries the 3 undelivered records and the
 * index of the first record never read (3), with the input failure in its cause chain; the UndeliveredRecords header
 * holds the 3 records too.
 *
 * <p>On the old code (commit ae82a89), run with the new getters replaced by reflective calls (a temporary variant; these tests do not compile on the old code): failed on behaviour before the new getter was reached:
 * "Expecting actual throwable to be an instance of: CleverTapDeliveryException but was: CleverTapException: Could not
 * read record 3 of the message body (the records before it were handled): disk gone" (the 3 undelivered records were
 * lost from the failure, and the UndeliveredRecords header did not exist).
 */
class InputFailureAfterFailedBatchTest extends PromisesTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload").to(uri("profile", "batchSize=3&batchTimeout=10&maxRetries=0"));
            }
        };
    }

    /** Yields the given records, then throws "disk gone" from next(). */
    static Iterator<Map<String, Object>> failingAfter(List<Map<String, Object>> records) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                if (next < records.size()) {
                    return records.get(next++);
                }
                if (next > records.size()) {
                    throw new NoSuchElementException("read past the failure");
                }
                next++;
                throw new RuntimeException("disk gone");
            }
        };
    }

    @Test
    void inputFailureAfterAGivenUpBatchReportsTheUndeliveredRecordsAndTheFirstUnreadIndex() {
        clevertap.then(answer(400, "{\"status\":\"fail\",\"error\":\"bad\",\"code\":400}"));

        Exchange exchange = sendAndAwait("direct:upload", failingAfter(profiles(3)), Duration.ofSeconds(10));

        assertThat(exchange.getException()).isInstanceOf(CleverTapDeliveryException.class);
        CleverTapDeliveryException failure = (CleverTapDeliveryException) exchange.getException();
        assertThat(failure.getUndeliveredRecords()).extracting(UndeliveredRecord::index).containsExactly(0L, 1L, 2L);
        assertThat(failure.getUndeliveredRecords()).extracting(u -> u.record().get("identity"))
                .containsExactly("p0", "p1", "p2");
        assertThat(failure.getFirstUnreadIndex()).isEqualTo(3L);
        assertThat(Stream.iterate((Throwable) failure, Objects::nonNull, Throwable::getCause).map(Throwable::getMessage))
                .as("messages of the cause chain").anySatisfy(message -> assertThat(message).contains("disk gone"));
        List<UndeliveredRecord> undelivered = listHeader(exchange, UNDELIVERED_RECORDS);
        assertThat(undelivered).extracting(UndeliveredRecord::index).containsExactly(0L, 1L, 2L);
        assertThat(exchange.getMessage().getHeader(STATUS)).isEqualTo("fail");
        assertThat(exchange.getMessage().getHeader(PROCESSED)).isEqualTo(0);
        assertThat(clevertap.requestCount()).isEqualTo(1);
    }
}
