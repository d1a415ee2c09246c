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
 * Promise 5: endpoints of one account with different maxConcurrentRequests in several JVMs. {@code register} calls
 * {@code trySetPermits(limit)}, which only sets the count when the key is missing: the first limit ever registered
 * stays in Redis for good (the key has no TTL), whatever the replicas ask for later. The local limiter documents the
 * lowest limit still registered; Redis keeps the first one, lower or higher, even after every endpoint that asked for
 * it is gone.
 */
class Promise5LimitSetOnceTest {

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
    void aLowerLimitSetLaterIsEnforcedAcrossReplicas() throws Exception {
        // yesterday's deployment: maxConcurrentRequests=15
        RedisUploadPermits old = permits("review-lower:");
        old.register("ACC-LIMIT", 15, 1000);
        old.stop();

        // today both replicas run with maxConcurrentRequests=10 (5 of CleverTap's 15 left to another sender)
        replicaA = permits("review-lower:");
        replicaB = permits("review-lower:");
        UploadPermits.AccountPermits a = replicaA.register("ACC-LIMIT", 10, 1000);
        UploadPermits.AccountPermits b = replicaB.register("ACC-LIMIT", 10, 1000);
        // each JVM's own limiter would let 10 through; Redis must keep the two together at 10
        Grants onA = new Grants(a, false).ask(8);
        Grants onB = new Grants(b, false).ask(8);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(onA.granted() + onB.granted())
                        .as("permits granted at once for two replicas configured with maxConcurrentRequests=10")
                        .isLessThanOrEqualTo(10));
        onA.releaseAll();
        onB.releaseAll();
    }

    @Test
    void aHigherLimitSetLaterIsApplied() throws Exception {
        // a first endpoint started with maxConcurrentRequests=2 (a test, a canary) and is gone
        RedisUploadPermits old = permits("review-higher:");
        old.register("ACC-LIMIT", 2, 1000);
        old.stop();

        replicaA = permits("review-higher:");
        UploadPermits.AccountPermits a = replicaA.register("ACC-LIMIT", 15, 1000);
        Grants onA = new Grants(a, false).ask(15);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(onA.granted())
                        .as("permits granted to the only endpoint of the account, configured with 15")
                        .isEqualTo(15));
        onA.releaseAll();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(replicaA.availablePermits("ACC-LIMIT")).isEqualTo(15));
    }

    private static RedisUploadPermits permits(String prefix) {
        RedisUploadPermits permits = new RedisUploadPermits();
        permits.setAddress(REDIS.address());
        permits.setKeyPrefix(prefix);
        permits.setWaitTime(200);
        permits.start();
        return permits;
    }
}
