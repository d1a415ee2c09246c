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
 * jar is missing). CompositeUploadListener only catches RuntimeException, so the Error escapes BatchUpload.send
 * after the request went out and before its answer handler was attached: the exchange waits until the producer
 * stops and the account's slot is held as long (maxConcurrentRequests=1: every later upload of the account waits).
 */
class Promise1ListenerErrorInRequestStartedTest extends PromisesTestSupport {

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
    void errorFromRequestStartedNeitherHangsTheExchangeNorHoldsTheSlot() {
        failOnStarted = true;
        context.getShutdownStrategy().setTimeout(1);

        CompletableFuture<Exchange> sent = template.asyncSend("direct:upload",
                e -> e.getMessage().setBody(profile(1)));

        await("the exchange completes").dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(5))
                .until(sent::isDone);
        InFlightLimiter limiter = context.getEndpoints().stream().filter(CleverTapEndpoint.class::isInstance)
                .map(e -> ((CleverTapEndpoint) e).getLimiter()).findFirst().orElseThrow();
        await("the slot comes back").atMost(Duration.ofSeconds(5))
                .until(() -> limiter.granted() == limiter.released());
    }
}
