package io.github.camelclevertap.component.promises;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.github.camelclevertap.component.CleverTapEndpoint;
import io.github.camelclevertap.component.UploadListenerFactory;
import io.github.camelclevertap.component.upload.DeliveryFailure;
import io.github.camelclevertap.component.upload.InFlightLimiter;
import io.github.camelclevertap.component.upload.UploadListener;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;

import static io.github.camelclevertap.component.promises.ScriptedCleverTap.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Promise 1 ("whatever throws ... nothing waits forever"): an upload listener (a metrics binding) whose class is
 * broken at run time throws an Error, not a RuntimeException ({@code NoClassDefFoundError} when an optional metrics
 * jar is missing). CompositeUploadListener only catches RuntimeException, so the Error escapes BatchUpload.finish
 * after the ledger forgot the batch and before the owners were told: the exchange never completes, not even when
 * the route stops.
 */
class Promise1ListenerErrorInRecordsUndeliveredTest extends PromisesTestSupport {

    private volatile boolean failOnUndelivered;
    private volatile boolean failOnStarted;

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("brokenMetrics", (UploadListenerFactory) producer -> new UploadListener() {
            @Override
            public void requestStarted(int records) {
                if (failOnStarted) {
                    throw new NoClassDefFoundError("io/micrometer/core/instrument/Timer");
                }
            }

            @Override
            public void recordsUndelivered(int records, DeliveryFailure failure) {
                if (failOnUndelivered) {
                    throw new NoClassDefFoundError("io/micrometer/core/instrument/Counter");
                }
            }
        });
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload").routeId("upload").to(uri("profile",
                        "batchTimeout=10&maxRetries=0&maxConcurrentRequests=1&shutdownTimeout=500"));
            }
        };
    }

    @Test
    void errorFromRecordsUndeliveredLeavesTheExchangeUncompletedEvenAfterTheRouteStops() throws Exception {
        failOnUndelivered = true;
        clevertap.then(answer(503, "{\"status\":\"fail\",\"error\":\"busy\",\"code\":503}"));

        CompletableFuture<Exchange> sent = template.asyncSend("direct:upload",
                e -> e.getMessage().setBody(profile(1)));
        await("CleverTap was asked").atMost(Duration.ofSeconds(5)).until(() -> clevertap.requestCount() == 1);
        // the answer (503, maxRetries=0) ends the batch at once; stop the route (graceful part 1 s) and let the producer's stop do its last resort
        context.getShutdownStrategy().setTimeout(1);
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
            try {
                context.getRouteController().stopRoute("upload");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await("the route stops").atMost(Duration.ofSeconds(15)).until(stopped::isDone);

        await("the exchange completes, at the latest when the route stopped").dontCatchUncaughtExceptions()
                .atMost(Duration.ofSeconds(2)).until(sent::isDone);
    }
}
