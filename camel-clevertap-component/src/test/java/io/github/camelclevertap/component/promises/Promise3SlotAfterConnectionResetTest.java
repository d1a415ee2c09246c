package io.github.camelclevertap.component.promises;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Promise 3 (never more than maxConcurrentRequests in flight at the server, retries included; a slot is reused only
 * after its request ended): the connection is reset after the request was sent (a load balancer's idle timeout, a
 * proxy restart) while CleverTap goes on working on it. The classifier calls that outcome unknown ("may be stored",
 * i.e. CleverTap may still be processing it) but not abandoned, so the batch keeps its slot and retries after
 * retryDelay, while the first request is still running at the server: two requests of an account limited to one.
 */
class Promise3SlotAfterConnectionResetTest extends PromisesTestSupport {

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
                                         + PASSCODE + "&baseUri=" + raw.baseUri() + "&batchTimeout=10"
                                         + "&maxConcurrentRequests=1&maxRetries=1&retryDelay=10&requestTimeout=2000");
            }
        };
    }

    @Test
    void retryAfterAResetWaitsUntilTheResetRequestCanNoLongerBeRunning() {
        raw.then(RawCleverTap.resetAndKeepWorking(1500));

        CompletableFuture<Exchange> sent = template.asyncSend("direct:upload", e -> e.getMessage().setBody(profile(1)));
        await("the exchange completes").atMost(Duration.ofSeconds(10)).until(sent::isDone);

        assertThat(raw.requestCount()).as("requests received").isEqualTo(2);
        assertThat(sent.join().getException()).as("stored on the retry").isNull();
        assertThat(raw.peakInFlight()).as("requests of the account in flight at the server at once, limit 1")
                .isLessThanOrEqualTo(1);
    }
}
