package io.github.camelclevertap.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.github.camelclevertap.component.CleverTapDeliveryException;
import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis goes away: a batch that cannot get a permit is handed back undelivered, never sent and never left waiting;
 * when an empty Redis comes back, the account's permits are set again and uploads go on.
 */
class RedisUnreachableTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private final CleverTapEmulator emulator = CleverTapEmulator.builder().account("ACC-DOWN", "pc-down").build()
            .start();
    private CamelContext context;
    private RedissonClient client;

    @AfterEach
    void stop() throws Exception {
        context.close();
        client.shutdown();
        emulator.close();
    }

    @Test
    void batchesWithoutAPermitComeBackUndeliveredAndUploadsResumeWithRedis() throws Exception {
        Config config = new Config();
        // the client's own retries bound how long a batch waits for Redis (the defaults: a few seconds)
        config.useSingleServer().setAddress(REDIS.address()).setTimeout(500).setRetryAttempts(1)
                .setConnectTimeout(500);
        client = Redisson.create(config);
        RedisUploadPermits permits = new RedisUploadPermits();
        permits.setRedissonClient(client);
        permits.setWaitTime(200);
        context = new DefaultCamelContext();
        context.getRegistry().bind("permits", permits);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:events").to("clevertap:event?region=eu1&accountId=ACC-DOWN&passcode=pc-down"
                                          + "&batchSize=100&requestTimeout=2000&baseUri=" + emulator.baseUri());
            }
        });
        context.start();
        assertThat(send(100).getException()).isNull();

        REDIS.stop();
        long started = System.nanoTime();
        Exchange failed = send(300);
        long failedAfterMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(failed.getException()).isInstanceOfSatisfying(CleverTapDeliveryException.class, e -> {
            assertThat(e.getUndeliveredRecords()).hasSize(300);
            assertThat(e.getUnknownRecords()).isEmpty();
            assertThat(e.getMessage()).contains("Redis could not grant a permit for account ACC-DOWN");
        });
        assertThat(emulator.storedRecordCount()).isEqualTo(100);
        assertThat(emulator.stats().requests()).isEqualTo(1);
        System.out.printf("Redis down: 300 records handed back undelivered after %d ms%n", failedAfterMillis);

        REDIS.restart();
        await().atMost(Duration.ofSeconds(30)).until(() -> send(100).getException() == null);
        assertThat(emulator.storedRecordCount()).isGreaterThanOrEqualTo(200);
        assertThat(emulator.stats().responses(429)).isZero();
    }

    private Exchange send(int records) {
        List<Map<String, Object>> body = IntStream.range(0, records)
                .mapToObj(i -> Map.<String, Object>of("identity", "u" + i, "evtName", "Clicked",
                        "evtData", Map.of("n", i)))
                .toList();
        return context.createProducerTemplate().send("direct:events", e -> e.getMessage().setBody(body));
    }
}
