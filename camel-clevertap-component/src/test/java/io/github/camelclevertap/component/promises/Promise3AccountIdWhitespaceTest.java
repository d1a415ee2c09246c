package io.github.camelclevertap.component.promises;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.camelclevertap.component.CleverTapEndpoint;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Promise 3 ("an account never has more than maxConcurrentRequests requests in flight"): the account id is a limiter
 * key taken verbatim, while on the wire it is an HTTP header value, whose leading and trailing white space is not
 * part of the value (RFC 9110 5.5; every server strips it). An id read from a .properties file keeps trailing blanks
 * (java.util.Properties does not trim them), so "ACC " in one route and "ACC" in another is one CleverTap account
 * with two limiters: each endpoint's maxConcurrentRequests=2 adds up to 4 at the server.
 */
class Promise3AccountIdWhitespaceTest extends PromisesTestSupport {

    @Test
    void oneAccountWrittenWithATrailingBlankSharesTheLimit() throws Exception {
        clevertap.setLatency(800);
        String options = "batchSize=1&batchTimeout=10&maxConcurrentRequests=2&maxRetries=0";
        CleverTapEndpoint plain = (CleverTapEndpoint) context.getEndpoint(uri("profile", options));
        String padded = "clevertap:profile?region=eu1&accountId=RAW(" + accountId + " )&passcode=" + PASSCODE
                        + "&baseUri=" + clevertap.baseUri() + "&" + options + "&dryRun=false";
        CleverTapEndpoint spaced = (CleverTapEndpoint) context.getEndpoint(padded);
        // the blank is not part of the account: one account, one limiter, one header value
        assertThat(spaced.getConfiguration().getAccountId()).isEqualTo(plain.getConfiguration().getAccountId());

        List<CompletableFuture<Exchange>> done = new ArrayList<>();
        done.addAll(sendConcurrently(plain.getEndpointUri(), List.of(profile(1), profile(2), profile(3), profile(4))));
        done.addAll(sendConcurrently(padded, List.of(profile(5), profile(6), profile(7), profile(8))));
        await("every exchange completes").atMost(Duration.ofSeconds(20))
                .until(() -> done.stream().allMatch(CompletableFuture::isDone));

        assertThat(clevertap.requestCount()).isEqualTo(8);
        assertThat(clevertap.peakInFlight())
                .as("requests of one account in flight at once, with maxConcurrentRequests=2")
                .isLessThanOrEqualTo(2);
    }
}
