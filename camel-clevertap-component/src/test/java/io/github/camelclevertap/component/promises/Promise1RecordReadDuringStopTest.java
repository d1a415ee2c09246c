package io.github.camelclevertap.component.promises;

import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelclevertap.component.CleverTapDeliveryException;
import org.apache.camel.Exchange;
import org.apache.camel.AsyncProducer;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Promise 1 ("whenever the route/producer stops; nothing waits forever", and by the producer's stop, not a batch
 * timeout later): {@code CleverTapProducer.doStop} flushes the batcher once, then waits in {@code UploadLedger.stop}
 * for the requests in flight, and only then ends the feeds. A feed that looked at the stopping flag before the stop
 * and gets its record while the ledger waits adds it to the batcher after the flush: the record waits there for the
 * batch timeout (10 minutes here), long after the producer has stopped, and so does its exchange (with
 * stopRoute the same happens whenever Camel's shutdown task, not the interrupted one, runs the producer's stop).
 */
class Promise1RecordReadDuringStopTest extends PromisesTestSupport {

    /** Two records at once, then a third one that comes when the test lets it. */
    private static final class SlowCursor implements Iterator<Map<String, Object>> {
        final CountDownLatch third = new CountDownLatch(1);
        final AtomicInteger served = new AtomicInteger();

        @Override
        public boolean hasNext() {
            return served.get() < 3;
        }

        @Override
        public Map<String, Object> next() {
            int i = served.getAndIncrement();
            if (i == 2) {
                try {
                    third.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return profile(i);
        }
    }

    private static boolean ledgerIsWaiting() {
        return Thread.getAllStackTraces().values().stream().anyMatch(stack -> Arrays.stream(stack)
                .anyMatch(frame -> frame.getClassName().endsWith("UploadLedger")
                                   && frame.getMethodName().equals("awaitEmpty")));
    }

    @Test
    void aRecordReadWhileTheStopWaitsForRequestsDoesNotOutliveTheStop() throws Exception {
        clevertap.setLatency(3000);
        AsyncProducer producer = context.getEndpoint(
                uri("profile", "batchSize=2&batchTimeout=600000&maxRetries=0&shutdownTimeout=20000"))
                .createAsyncProducer();
        ServiceHelper.startService(producer);
        SlowCursor cursor = new SlowCursor();
        try {
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setBody(cursor);
            CompletableFuture<Exchange> sent = new CompletableFuture<>();
            // process() feeds on the caller's thread, which the cursor holds in next()
            CompletableFuture.runAsync(() -> producer.process(exchange, sync -> sent.complete(exchange)));
            await("the first batch is at CleverTap").atMost(Duration.ofSeconds(5))
                    .until(() -> clevertap.inFlight() == 1);

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> ServiceHelper.stopService(producer));
            await("the producer's stop waits for the request in flight").atMost(Duration.ofSeconds(5))
                    .until(Promise1RecordReadDuringStopTest::ledgerIsWaiting);
            cursor.third.countDown();

            await("the producer stops").atMost(Duration.ofSeconds(10)).until(stopped::isDone);
            await("the exchange completes with the producer's stop").atMost(Duration.ofSeconds(5))
                    .until(sent::isDone);
            CleverTapDeliveryException failure = (CleverTapDeliveryException) sent.join().getException();
            // the third record came after the stop: never handed to the upload, it is the first unread one
            assertThat(failure.getFirstUnreadIndex()).isEqualTo(2);
            assertThat(failure.getUndeliveredRecords()).isEmpty();
        } finally {
            cursor.third.countDown();
        }
    }
}
