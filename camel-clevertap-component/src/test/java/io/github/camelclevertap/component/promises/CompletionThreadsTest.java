package io.github.camelclevertap.component.promises;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Case 9: when one batch answers for many exchanges, their routes continue on more than one thread (not one after
 * another on the thread that read the answer), and never on the common fork-join pool.
 *
 * <p>On the old code (commit ae82a89): failed at the last assertion: "[threads the routes continued on] Expecting
 * size of: ["Thread-126"] to be greater than 1 but was 1": all 200 routes continued one after another on the thread
 * that resolved the batch.
 */
class CompletionThreadsTest extends PromisesTestSupport {

    private static final int EXCHANGES = 200;

    private final Set<String> continuationThreads = ConcurrentHashMap.newKeySet();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload")
                        .to(uri("profile", "batchSize=" + EXCHANGES + "&batchTimeout=30000&maxRetries=0"))
                        .process(exchange -> {
                            continuationThreads.add(Thread.currentThread().getName());
                            // ~5 ms of work after the upload
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                        });
            }
        };
    }

    @Test
    void continuationsOfOneBatchRunOnMoreThanOneThreadAndNotOnTheCommonPool() throws Exception {
        List<CompletableFuture<Exchange>> sent = sendConcurrently("direct:upload",
                IntStream.range(0, EXCHANGES).mapToObj(PromisesTestSupport::profile).toList());

        await("all exchanges complete").atMost(Duration.ofSeconds(15))
                .until(() -> sent.stream().allMatch(CompletableFuture::isDone));

        assertThat(clevertap.requests()).as("one batch").hasSize(1);
        for (CompletableFuture<Exchange> future : sent) {
            assertThat(future.join().getException()).isNull();
        }
        assertThat(continuationThreads).noneMatch(name -> name.contains("ForkJoinPool.commonPool"));
        assertThat(continuationThreads).as("threads the routes continued on").hasSizeGreaterThan(1);
    }
}
