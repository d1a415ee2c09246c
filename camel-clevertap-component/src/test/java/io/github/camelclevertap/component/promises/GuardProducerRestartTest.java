package io.github.camelclevertap.component.promises;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.github.camelclevertap.component.CleverTapEndpoint;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Guard (passes): a producer stopped and started again (a route restart) gets a fresh ledger and batcher, uploads
 * what comes after, and gives back every slot.
 */
class GuardProducerRestartTest extends PromisesTestSupport {

    @Test
    void aRestartedProducerUploadsAgain() throws Exception {
        CleverTapEndpoint endpoint = (CleverTapEndpoint) context.getEndpoint(
                uri("profile", "batchSize=3&batchTimeout=10&maxRetries=0"));
        AsyncProducer producer = endpoint.createAsyncProducer();
        ServiceHelper.startService(producer);
        assertThat(send(producer, 0).getMessage().getHeader(PROCESSED)).isEqualTo(1);

        ServiceHelper.stopService(producer);
        ServiceHelper.startService(producer);
        Exchange after = send(producer, 1);

        assertThat(after.getException()).isNull();
        assertThat(after.getMessage().getHeader(PROCESSED)).isEqualTo(1);
        assertThat(clevertap.records()).hasSize(2);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> endpoint.getLimiter().granted() == endpoint.getLimiter().released());
    }

    private Exchange send(AsyncProducer producer, int i) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(profile(i));
        CompletableFuture<Exchange> done = new CompletableFuture<>();
        producer.process(exchange, sync -> done.complete(exchange));
        await().atMost(Duration.ofSeconds(5)).until(done::isDone);
        return done.join();
    }
}
