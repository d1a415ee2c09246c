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
 * Promise 4 (and 1): a live replica's permit is never lost to expiry while its request is in flight. Redis (with
 * persistence: nothing is lost) is unreachable a little longer than the lease. Replica A keeps its permit all along
 * (its batch keeps retrying CleverTap in its slot: BatchUpload holds the permit through retries whatever Redis does),
 * but the renewals fail, the lease ends in Redis, and when Redis is back replica B is granted A's slot while A still
 * uses it: 2 in flight for a limit of 1. A's renewal then sees {@code updateLeaseTime == false}, logs "outlived its
 * lease" and stops renewing, without telling its holder.
 *
 * <p>Fixed by {@code Permit.isValid()}: a permit not confirmed by Redis for longer than the lease's margin over a request
 * is no longer valid, and BatchUpload checks it before each retry (asking for another slot when it is not). A's
 * permit counts here only while valid, as a batch would start an attempt in it only then.
 */
class Promise4LeaseLostDuringRedisOutageTest {

    @RegisterExtension
    static final ReviewRedis REDIS = new ReviewRedis(true);

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
        clients.forEach(org.redisson.api.RedissonClient::shutdown);
    }

    @Test
    void aPermitHeldThroughARedisOutageLongerThanItsLeaseIsNotLost() throws Exception {
        replicaA = permits();
        replicaB = permits();
        // requestTimeout 1000 ms, lease 1500 ms (the least allowed is the requestTimeout)
        UploadPermits.AccountPermits a = replicaA.register("ACC-OUTAGE", 1, 1000);
        UploadPermits.AccountPermits b = replicaB.register("ACC-OUTAGE", 1, 1000);
        Grants heldByA = new Grants(a, false).ask(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> heldByA.granted() == 1);

        REDIS.kill();
        long down = System.nanoTime();
        // Redis is away 3 s: longer than the lease, as a failover or a network partition can be
        await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - down > 3_000_000_000L);
        REDIS.start();

        Grants askedByB = new Grants(b, true).ask(1);
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(heldByA.valid() + askedByB.granted())
                        .as("permits in use at once by replicas A (holding its permit, valid: a batch checks it before "
                            + "each attempt and asks for another when it is not) and B, limit 1")
                        .isLessThanOrEqualTo(1));
        System.out.println("B granted " + askedByB.granted() + ", failed " + askedByB.failures.get()
                           + ", available " + replicaB.availablePermits("ACC-OUTAGE"));
        heldByA.releaseAll();
        askedByB.releaseAll();
    }

    private final java.util.List<org.redisson.api.RedissonClient> clients = new java.util.ArrayList<>();

    private RedisUploadPermits permits() {
        // clients that give up a command within about a second (as RedisUnreachableTest configures them), so no
        // renewal sent during the outage is held back and sent after it with a stale timestamp
        org.redisson.config.Config config = new org.redisson.config.Config();
        config.useSingleServer().setAddress(REDIS.address()).setTimeout(300).setRetryAttempts(1)
                .setConnectTimeout(300);
        org.redisson.api.RedissonClient client = org.redisson.Redisson.create(config);
        clients.add(client);
        RedisUploadPermits permits = new RedisUploadPermits();
        permits.setRedissonClient(client);
        permits.setKeyPrefix("review-outage:");
        permits.setLeaseTime(1500);
        permits.setWaitTime(200);
        permits.start();
        return permits;
    }
}
