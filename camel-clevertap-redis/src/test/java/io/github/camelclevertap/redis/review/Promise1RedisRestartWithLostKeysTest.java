package io.github.camelclevertap.redis.review;

import java.time.Duration;

import io.github.camelclevertap.component.upload.UploadPermits;
import io.github.camelclevertap.redis.RedisUploadPermits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Promise 1: never more than the limit in flight across JVMs, including a Redis restart that loses its keys. Replica A
 * holds all 3 permits of the account (its requests are in flight, or retrying in their slot); Redis restarts empty;
 * replica B's next round finds no key, sets the full count again ({@code trySetPermitsAsync(limit)} in
 * {@code Waiter.round}) and is granted permits while A's 3 requests are still in flight: 6 in flight for a limit of 3.
 */
class Promise1RedisRestartWithLostKeysTest {

    @RegisterExtension
    static final ReviewRedis REDIS = new ReviewRedis(false);

    private RedisUploadPermits replicaA;
    private RedisUploadPermits replicaB;

    @AfterEach
    void stop() {
        if (replicaA != null) {
            replicaA.stop();
        }
        if (replicaB != null) {
            replicaB.stop();
        }
    }

    @Test
    void noMoreThanTheLimitInFlightAcrossARedisRestartThatLosesKeys() throws Exception {
        replicaA = permits();
        replicaB = permits();
        UploadPermits.AccountPermits a = replicaA.register("ACC-LOST", 3, 2000);
        UploadPermits.AccountPermits b = replicaB.register("ACC-LOST", 3, 2000);
        Grants heldByA = new Grants(a, false).ask(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> heldByA.granted() == 3);

        REDIS.restart();

        // A's three requests are still in flight (lease 12 s, renewed); B's batches ask for slots
        Grants askedByB = new Grants(b, true).ask(3);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6))
                .untilAsserted(() -> assertThat(heldByA.granted() + askedByB.granted())
                        .as("permits held at once across replicas A and B for a limit of 3 (B granted %d)",
                                askedByB.granted())
                        .isLessThanOrEqualTo(3));
        heldByA.releaseAll();
        askedByB.releaseAll();
    }

    private static RedisUploadPermits permits() {
        RedisUploadPermits permits = new RedisUploadPermits();
        permits.setAddress(REDIS.address());
        permits.setKeyPrefix("review-lost:");
        permits.setWaitTime(200);
        permits.start();
        return permits;
    }
}
