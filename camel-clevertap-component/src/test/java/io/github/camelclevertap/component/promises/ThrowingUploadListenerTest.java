package io.github.camelclevertap.component.promises;

import java.time.Duration;

import io.github.camelclevertap.component.UploadListenerFactory;
import io.github.camelclevertap.component.upload.UploadListener;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Case 7: a listener (from an {@link UploadListenerFactory} in the registry) that throws must not cost the exchange
 * its completion nor the account its in-flight slot: with maxConcurrentRequests=1, three exchanges one after another
 * all complete with their records stored.
 *
 * <p>On the old code (commit ae82a89): both tests failed on the first exchange with "ConditionTimeout Condition with
 * alias 'the exchange completes' didn't complete within 5 seconds". From requestFinished the exception skips
 * onAnswer (batch never resolved, slot never released); from requestStarted it escapes the worker task
 * ("RuntimeException: metrics broke in requestStarted at UploadDispatcher.send(UploadDispatcher.java:83)", seen as an
 * uncaught exception), the request is never sent and the slot is held.
 */
class ThrowingUploadListenerTest extends PromisesTestSupport {

    private volatile boolean throwFromStarted;
    private volatile boolean throwFromFinished;

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("throwingMetrics", (UploadListenerFactory) producer -> new UploadListener() {
            @Override
            public void requestStarted(int records) {
                if (throwFromStarted) {
                    throw new RuntimeException("metrics broke in requestStarted");
                }
            }

            @Override
            public void requestFinished(long nanos) {
                if (throwFromFinished) {
                    throw new RuntimeException("metrics broke in requestFinished");
                }
            }
        });
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload").to(uri("profile",
                        "batchTimeout=10&maxConcurrentRequests=1&maxRetries=0&shutdownTimeout=1000"));
            }
        };
    }

    @Test
    void listenerThrowingFromRequestFinishedNeitherHangsTheExchangeNorLeaksTheSlot() {
        throwFromFinished = true;
        sendThreeOneAfterAnother();
    }

    @Test
    void listenerThrowingFromRequestStartedNeitherHangsTheExchangeNorLeaksTheSlot() {
        throwFromStarted = true;
        sendThreeOneAfterAnother();
    }

    private void sendThreeOneAfterAnother() {
        for (int i = 0; i < 3; i++) {
            Exchange exchange = sendAndAwait("direct:upload", profile(i), Duration.ofSeconds(5));
            assertThat(exchange.getException()).as("exchange %d", i).isNull();
            assertThat(exchange.getMessage().getHeader(STATUS)).as("exchange %d", i).isEqualTo("success");
            assertThat(exchange.getMessage().getHeader(PROCESSED)).as("exchange %d", i).isEqualTo(1);
        }
        assertThat(clevertap.records()).extracting(r -> r.path("identity").asText()).containsExactly("p0", "p1", "p2");
    }
}
