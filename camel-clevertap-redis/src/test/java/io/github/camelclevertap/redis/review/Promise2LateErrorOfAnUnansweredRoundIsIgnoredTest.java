package io.github.camelclevertap.redis.review;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelclevertap.component.upload.UploadPermits;
import io.github.camelclevertap.redis.RedisUploadPermits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.Redisson;
import org.redisson.api.RPermitExpirableSemaphore;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisTimeoutException;
import org.redisson.config.Config;
import org.redisson.misc.CompletableFutureWrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RedisUploadPermits' new re-round: a round Redisson leaves unanswered past waitTime + 2 s is followed by another, and
 * (its javadoc) "an error it brings later is ignored". Here the unanswered round ends late with Redisson's timeout
 * error while the follow-up round is still waiting for a permit held by another request: the waiter must not be failed
 * (its batch would fail with "Redis could not grant a permit" although Redis is fine), and gets the permit once freed.
 */
class Promise2LateErrorOfAnUnansweredRoundIsIgnoredTest {

    @RegisterExtension
    static final ReviewRedis REDIS = new ReviewRedis(false);

    private RedisUploadPermits replica;
    private RedissonClient client;

    @AfterEach
    void stop() {
        if (replica != null) {
            replica.stop();
        }
        if (client != null) {
            client.shutdown();
        }
    }

    @Test
    void theLateErrorOfTheUnansweredRoundDoesNotFailTheWaiter() throws Exception {
        Config config = new Config();
        config.useSingleServer().setAddress(REDIS.address());
        client = Redisson.create(config);
        AtomicInteger acquires = new AtomicInteger();
        CompletableFuture<String> hung = new CompletableFuture<>();
        RedissonClient proxied = proxy(RedissonClient.class, client, (target, method, args) -> {
            Object result = method.invoke(target, args);
            if (method.getName().equals("getPermitExpirableSemaphore")) {
                RPermitExpirableSemaphore real = (RPermitExpirableSemaphore) result;
                return proxy(RPermitExpirableSemaphore.class, real, (t, m, a) -> {
                    // the second round (the waiter's first) goes unanswered, as Redisson sometimes leaves it
                    if (m.getName().equals("tryAcquireAsync") && acquires.incrementAndGet() == 2) {
                        return new CompletableFutureWrapper<>(hung);
                    }
                    return m.invoke(t, a);
                });
            }
            return result;
        });

        replica = new RedisUploadPermits();
        replica.setRedissonClient(proxied);
        replica.setKeyPrefix("review13-late-error:");
        replica.setWaitTime(200);
        replica.start();
        UploadPermits.AccountPermits account = replica.register("ACC-LATE", 1, 2000);

        Grants holder = new Grants(account, false).ask(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> holder.granted() == 1);

        Grants waiter = new Grants(account, false).ask(1);
        // the follow-up round has started (waitTime + 2 s after the unanswered one) and waits: the one permit is held
        await().atMost(Duration.ofSeconds(10)).until(() -> acquires.get() >= 3);

        hung.completeExceptionally(new RedisTimeoutException("Redisson answers the unanswered round late, with an error"));

        holder.releaseAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> waiter.granted() + waiter.failures.get() > 0);
        assertThat(waiter.failures.get()).as("the waiter failed by the late error of the round that went unanswered")
                .isZero();
        assertThat(waiter.granted()).isEqualTo(1);
        waiter.releaseAll();
    }

    interface Call {
        Object call(Object target, Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler handler = (p, method, args) -> {
            try {
                return call.call(target, method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler);
    }
}
