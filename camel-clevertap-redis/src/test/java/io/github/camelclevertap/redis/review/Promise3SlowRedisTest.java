package io.github.camelclevertap.redis.review;

import java.time.Duration;

import io.github.camelclevertap.component.upload.UploadPermits;
import io.github.camelclevertap.redis.RedisUploadPermits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Promise 3: Redis stops answering (CLIENT PAUSE, as a stalled or overloaded server): a request is still answered. */
class Promise3SlowRedisTest {

    @RegisterExtension
    static final ReviewRedis REDIS = new ReviewRedis(false);

    private RedisUploadPermits replica;

    @AfterEach
    void stop() {
        if (replica != null) {
            replica.stop();
        }
    }

    @Test
    void aRequestForAPermitIsAnsweredWhileRedisDoesNotAnswer() throws Exception {
        replica = new RedisUploadPermits();
        replica.setAddress(REDIS.address());
        replica.setKeyPrefix("review-slow:");
        replica.start();
        UploadPermits.AccountPermits account = replica.register("ACC-SLOW", 2, 2000);
        assertThat(new ProcessBuilder("redis-cli", "-p", REDIS.address().replaceAll(".*:", ""), "CLIENT", "PAUSE",
                "10000", "ALL").start().waitFor()).isZero();
        long t0 = System.nanoTime();
        Grants asked = new Grants(account, false).ask(3);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(asked.granted() + asked.failures.get())
                .as("requests answered (granted or failed) while Redis is paused").isEqualTo(3));
        System.out.println("answered after " + (System.nanoTime() - t0) / 1_000_000 + " ms: granted "
                           + asked.granted() + ", failed " + asked.failures.get());
        long s0 = System.nanoTime();
        replica.stop();
        replica = null;
        System.out.println("stopped in " + (System.nanoTime() - s0) / 1_000_000 + " ms");
    }
}
