package io.github.camelclevertap.component.promises;

import java.time.Duration;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guard (passes, about 1 s): answers only a socket can give (HTTP/1.0 closed mid-body without a length, a body
 * shorter than its Content-Length) and a {@code processed} count above the batch or negative: none may report a
 * record stored.
 */
class OddAnswersNeverStoreTest extends PromisesTestSupport {

    static RawCleverTap raw;

    @BeforeAll
    static void startRaw() throws Exception {
        raw = new RawCleverTap();
    }

    @AfterAll
    static void stopRaw() throws Exception {
        raw.close();
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload").to("clevertap:profile?region=eu1&accountId=" + accountId + "&passcode="
                                         + PASSCODE + "&baseUri=" + raw.baseUri()
                                         + "&batchTimeout=10&maxRetries=0&requestTimeout=700");
            }
        };
    }

    static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{\"status\":\"success\",\"proc",
            "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"status\":\"success\",\"processed\":3}",
            "HTTP/1.1 200 OK\r\nContent-Length: 34\r\n\r\n{\"status\":\"success\",\"processed\":4}",
            "HTTP/1.1 200 OK\r\nContent-Length: 35\r\n\r\n{\"status\":\"success\",\"processed\":-1}",
    })
    void noRecordReportedStored(String response) {
        raw.then(RawCleverTap.raw(response));
        Exchange exchange = sendAndAwait("direct:upload", profiles(3), Duration.ofSeconds(5));
        List<?> unknown = listHeader(exchange, UNKNOWN_RECORDS);
        List<?> undelivered = listHeader(exchange, UNDELIVERED_RECORDS);
        assertThat(exchange.getMessage().getHeader(PROCESSED, Integer.class)).as(String.valueOf(exchange.getException()))
                .isZero();
        assertThat(unknown.size() + undelivered.size()).isEqualTo(3);
    }
}
