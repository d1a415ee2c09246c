package io.github.camelclevertap.component.promises;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Promise 1 ("an exchange completes exactly once ... whatever throws") and 2 (every record one outcome): a record
 * whose coercion throws an Error instead of an exception, here a record that contains itself (a bug in the caller's
 * mapping code), which overflows the stack in RecordCoercion/AlreadyPlain. RecordFeed.add and ExchangeUpload.feed
 * catch only RuntimeException, so the Error leaves the producer's process() with the feed neither ended nor
 * failed.
 */
class Promise1RecordThrowingErrorTest extends PromisesTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload").to(uri("profile", "batchTimeout=10&maxRetries=0"));
            }
        };
    }

    static Map<String, Object> selfContaining() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Name", "Loop");
        data.put("self", data);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", "profile");
        record.put("identity", "loop");
        record.put("profileData", data);
        return record;
    }

    @Test
    void aRecordThatOverflowsTheStackIsRejectedAloneAndTheExchangeCompletesOnce() throws Exception {
        List<Object> body = new ArrayList<>(profiles(2));
        body.add(selfContaining());
        body.add(profile(3));
        AsyncProducer producer = context.getEndpoint(uri("profile", "batchTimeout=10&maxRetries=0"))
                .createAsyncProducer();
        ServiceHelper.startService(producer);
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(body);
        AtomicInteger callbacks = new AtomicInteger();
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        try {
            producer.process(exchange, sync -> callbacks.incrementAndGet());
            thrown.complete(null);
        } catch (Throwable t) {
            thrown.complete(t);
        }

        assertThat(thrown.join()).as("what process() threw").isNull();
        await("the exchange completes").atMost(Duration.ofSeconds(5)).until(() -> callbacks.get() > 0);
        await("exactly once").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> callbacks.get() == 1);
        assertThat(exchange.getMessage().getHeader(PROCESSED, Integer.class)).isEqualTo(3);
    }

    @Test
    void throughARouteTheStoredRecordsAreReported() {
        List<Object> body = new ArrayList<>(profiles(2));
        body.add(selfContaining());
        body.add(profile(3));

        Exchange exchange = sendAndAwait("direct:upload", body, Duration.ofSeconds(5));

        await("the records around the bad one reach CleverTap").atMost(Duration.ofSeconds(5))
                .until(() -> clevertap.records().size() == 3);
        assertThat(exchange.getMessage().getHeader(PROCESSED, Integer.class))
                .as("stored records reported; the exchange failed with %s", String.valueOf(exchange.getException()))
                .isEqualTo(3);
    }
}
