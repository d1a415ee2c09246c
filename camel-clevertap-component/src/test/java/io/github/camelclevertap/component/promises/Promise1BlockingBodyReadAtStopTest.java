package io.github.camelclevertap.component.promises;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Promise 1 ("whenever the route/producer stops; nothing waits forever"): a newline-delimited JSON body arriving as
 * an InputStream (an HTTP request body, a socket) whose first record is there and whose second one is not yet.
 * {@code BodyReader.read} reads ahead on the route's thread to tell one record from many (first byte, first value,
 * then {@code hasNextValue()}), before any {@code ExchangeUpload} exists. When the route is stopped the producer stops,
 * but it neither knows this exchange nor closes its stream: the exchange never completes. The stream here unblocks
 * when closed, so a stop that closed it would complete the exchange.
 */
class Promise1BlockingBodyReadAtStopTest extends PromisesTestSupport {

    /** Camel's stream caching would read the whole stream before the producer sees it, and block there. */
    @Override
    protected org.apache.camel.CamelContext createCamelContext() throws Exception {
        org.apache.camel.CamelContext camelContext = super.createCamelContext();
        camelContext.setStreamCaching(false);
        return camelContext;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ndjson").routeId("ndjson")
                        .to(uri("profile", "batchSize=1&batchTimeout=10&maxRetries=0&shutdownTimeout=500"));
            }
        };
    }

    /** Serves the first line, then blocks in read() until closed (or 60 s). */
    static final class OpenEndedStream extends InputStream {
        final byte[] head = "{\"type\":\"profile\",\"identity\":\"p0\",\"profileData\":{\"Name\":\"P0\"}}\n"
                .getBytes(StandardCharsets.UTF_8);
        final CountDownLatch closed = new CountDownLatch(1);
        final CountDownLatch blocked = new CountDownLatch(1);
        int pos;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos < head.length) {
                int n = Math.min(len, head.length - pos);
                System.arraycopy(head, pos, b, off, n);
                pos += n;
                return n;
            }
            blocked.countDown();
            try {
                closed.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            return -1;
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @Test
    void stoppingTheRouteCompletesAnExchangeWhoseBodyIsStillBeingOpened() throws Exception {
        context.getShutdownStrategy().setTimeout(1);
        OpenEndedStream body = new OpenEndedStream();
        try {
            CompletableFuture<Exchange> sent = template.asyncSend("direct:ndjson", e -> e.getMessage().setBody(body));
            await("the body waits for its second line").atMost(Duration.ofSeconds(5))
                    .until(() -> body.blocked.getCount() == 0);

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
                try {
                    context.getRouteController().stopRoute("ndjson");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await("the route stops").atMost(Duration.ofSeconds(10)).until(stopped::isDone);

            await("the exchange completes once the route stopped").atMost(Duration.ofSeconds(5))
                    .until(sent::isDone);
            assertThat(sent.join().getException()).isNotNull();
        } finally {
            body.close();
        }
    }
}
