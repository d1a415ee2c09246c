package io.github.camelclevertap.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import io.github.camelclevertap.emulator.Fault;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A permit's lease: checked against requestTimeout at start, renewed while a batch holds it through retries. */
class RedisPermitsLeaseTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private final CleverTapEmulator emulator = CleverTapEmulator.builder().account("ACC-LEASE", "pc-lease").build()
            .start();
    private CamelContext context;

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.close();
        }
        emulator.close();
    }

    @Test
    void aLeaseShorterThanTheRequestTimeoutFailsTheStart() {
        RedisUploadPermits permits = permits(1000);
        assertThatThrownBy(() -> context = start(permits, "requestTimeout=2000"))
                .hasStackTraceContaining("Option leaseTime of RedisUploadPermits (1000 ms) must be at least the "
                                         + "endpoint's requestTimeout (2000 ms)");
    }

    @Test
    void aPermitHeldThroughRetriesLongerThanItsLeaseIsRenewed() throws Exception {
        RedisUploadPermits permits = permits(1500);
        context = start(permits, "requestTimeout=1500&maxConcurrentRequests=1&retryDelay=1000&maxRetryDelay=1000");
        // four 503s a second apart: the batch holds its permit about 4 s, past two leases
        emulator.faults().enqueue(Fault.status(503), Fault.status(503), Fault.status(503), Fault.status(503));
        List<Map<String, Object>> records = IntStream.range(0, 10)
                .mapToObj(i -> Map.<String, Object>of("identity", "u" + i, "evtName", "Clicked",
                        "evtData", Map.of("n", i)))
                .toList();

        long started = System.nanoTime();
        CompletableFuture<Exchange> upload = context.createProducerTemplate()
                .asyncSend("direct:events", e -> e.getMessage().setBody(records));
        await().atMost(Duration.ofSeconds(10)).until(() -> System.nanoTime() - started > 3_000_000_000L);
        // past two leases, the permit is still held
        assertThat(permits.availablePermits("ACC-LEASE")).isZero();

        assertThat(upload.get().getException()).isNull();
        assertThat(emulator.storedRecordCount()).isEqualTo(10);
        assertThat(emulator.stats().responses(503)).isEqualTo(4);
        await().atMost(Duration.ofSeconds(5)).until(() -> permits.availablePermits("ACC-LEASE") == 1);
    }

    private static RedisUploadPermits permits(long leaseTime) {
        RedisUploadPermits permits = new RedisUploadPermits();
        permits.setAddress(REDIS.address());
        permits.setKeyPrefix("lease-test:" + System.nanoTime() + ":");
        permits.setLeaseTime(leaseTime);
        return permits;
    }

    private CamelContext start(RedisUploadPermits permits, String options) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        try {
            camel.getRegistry().bind("permits", permits);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:events").to("clevertap:event?region=eu1&accountId=ACC-LEASE&passcode=pc-lease"
                                              + "&baseUri=" + emulator.baseUri() + "&" + options);
                }
            });
            camel.start();
            return camel;
        } catch (Exception | Error e) {
            camel.close();
            throw e;
        }
    }
}
