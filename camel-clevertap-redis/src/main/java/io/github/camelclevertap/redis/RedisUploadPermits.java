package io.github.camelclevertap.redis;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.camelclevertap.component.upload.UploadPermits;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.support.service.ServiceSupport;
import org.redisson.Redisson;
import org.redisson.api.RFuture;
import org.redisson.api.RPermitExpirableSemaphore;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CleverTap's concurrent upload requests per account, counted in Redis for every JVM that sends for the account: one
 * Redisson {@link RPermitExpirableSemaphore} per account, whose permits have an id and a lease. A JVM renews the lease
 * of the permits it holds; a JVM that dies stops renewing, and its permits come back when their lease ends.
 *
 * <p>Set it on the component (option {@code uploadPermits}) or bind exactly one in the registry. Nothing waits on a
 * thread: a request for a permit is a round of Redisson's {@code tryAcquireAsync(waitTime, leaseTime)}, woken by
 * Redis when a permit is released or by the earliest lease's end, and asked again when the round ends without one.
 */
public class RedisUploadPermits extends ServiceSupport implements UploadPermits, CamelContextAware {

    /** Added to the endpoint's requestTimeout when no leaseTime is set. */
    public static final long DEFAULT_LEASE_MARGIN = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(RedisUploadPermits.class);
    private static final long STOP_WAIT_MILLIS = 5000;

    private CamelContext camelContext;
    private String address = "redis://127.0.0.1:6379";
    private RedissonClient redissonClient;
    private String keyPrefix = "clevertap:upload-permits:";
    private long leaseTime;
    private long waitTime = 1000;

    private RedissonClient client;
    private boolean ownsClient;
    // releases on their way to Redis, which a stop lets finish before it shuts the client down
    private final Set<CompletableFuture<?>> releasing = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService renewals;

    @Override
    protected void doStart() throws Exception {
        if (waitTime <= 0) {
            throw new IllegalArgumentException("Option waitTime of RedisUploadPermits must be positive, was " + waitTime);
        }
        if (redissonClient != null) {
            client = redissonClient;
            ownsClient = false;
        } else {
            Config config = new Config();
            config.useSingleServer().setAddress(address);
            // fails here when Redis cannot be reached
            client = Redisson.create(config);
            ownsClient = true;
        }
        renewals = camelContext != null
                ? camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "CleverTapRedisPermits")
                : Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, "CleverTapRedisPermits");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    protected void doStop() throws Exception {
        try {
            CompletableFuture.allOf(releasing.toArray(CompletableFuture[]::new)).get(STOP_WAIT_MILLIS,
                    TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.debug("Permits given back at stop may come back only when their lease ends", e);
        }
        // permits still held are not renewed any more: they come back when their lease ends
        if (camelContext != null) {
            camelContext.getExecutorServiceManager().shutdown(renewals);
        } else if (renewals != null) {
            renewals.shutdownNow();
        }
        if (ownsClient && client != null) {
            client.shutdown();
        }
        client = null;
    }

    @Override
    public AccountPermits register(String accountId, int limit, long requestTimeoutMillis) {
        if (!isStarted()) {
            throw new IllegalStateException("RedisUploadPermits is not started");
        }
        if (leaseTime > 0 && leaseTime < requestTimeoutMillis) {
            throw new IllegalArgumentException("Option leaseTime of RedisUploadPermits (" + leaseTime
                                               + " ms) must be at least the endpoint's requestTimeout ("
                                               + requestTimeoutMillis + " ms): a permit must outlast its request");
        }
        long lease = leaseTime > 0 ? leaseTime : requestTimeoutMillis + DEFAULT_LEASE_MARGIN;
        RPermitExpirableSemaphore semaphore = client.getPermitExpirableSemaphore(keyPrefix + accountId);
        // the first JVM to use the account sets its count; it stays while Redis keeps the key
        semaphore.trySetPermits(limit);
        return new Account(accountId, semaphore, limit, lease);
    }

    /** The permits of the account free now, expired leases given back first (for monitoring and tests). */
    public int availablePermits(String accountId) {
        return client.getPermitExpirableSemaphore(keyPrefix + accountId).availablePermits();
    }

    private final class Account implements AccountPermits {

        private final String accountId;
        private final RPermitExpirableSemaphore semaphore;
        private final int limit;
        private final long lease;

        Account(String accountId, RPermitExpirableSemaphore semaphore, int limit, long lease) {
            this.accountId = accountId;
            this.semaphore = semaphore;
            this.limit = limit;
            this.lease = lease;
        }

        @Override
        public Request acquire(Callback callback) {
            Waiter waiter = new Waiter(callback);
            waiter.round();
            return waiter;
        }

        @Override
        public void close() {
            // the semaphore is shared with the other JVMs: nothing to give back but the permits, released by holders
        }

        private final class Waiter implements Request {

            private final Callback callback;
            // guarded by this
            private boolean cancelled;
            private boolean answered;

            Waiter(Callback callback) {
                this.callback = callback;
            }

            void round() {
                RFuture<String> round;
                try {
                    round = semaphore.tryAcquireAsync(waitTime, lease, TimeUnit.MILLISECONDS);
                } catch (RuntimeException e) {
                    fail(e);
                    return;
                }
                round.whenComplete((permitId, error) -> {
                    if (error != null) {
                        fail(error);
                    } else if (permitId != null) {
                        grant(new Permit(permitId));
                    } else if (!isCancelled()) {
                        // none free during the round; the key is set again in case Redis lost it (a restart
                        // without persistence), then the next round
                        semaphore.trySetPermitsAsync(limit).whenComplete((set, e) -> {
                            if (e != null) {
                                fail(e);
                            } else {
                                round();
                            }
                        });
                    }
                });
            }

            private synchronized boolean isCancelled() {
                return cancelled;
            }

            private void grant(Permit permit) {
                boolean tell;
                synchronized (this) {
                    tell = !cancelled && !answered;
                    answered = true;
                }
                if (!tell) {
                    permit.release();
                    return;
                }
                permit.renewWhileHeld();
                callback.granted(permit);
            }

            private void fail(Throwable error) {
                boolean tell;
                synchronized (this) {
                    tell = !cancelled && !answered;
                    answered = true;
                }
                if (tell) {
                    callback.failed(new IllegalStateException(
                            "Redis could not grant a permit for account " + accountId + ": " + error, error));
                }
            }

            @Override
            public boolean cancel() {
                synchronized (this) {
                    if (answered) {
                        return false;
                    }
                    cancelled = true;
                    // the round in progress ends within waitTime; a permit it brings is released in grant
                    return true;
                }
            }
        }

        private final class Permit implements UploadPermits.Permit {

            private final String id;
            private final AtomicBoolean released = new AtomicBoolean();
            private volatile ScheduledFuture<?> renewal;

            Permit(String id) {
                this.id = id;
            }

            /** Renews the lease every third of it until the permit is released. */
            void renewWhileHeld() {
                long every = Math.max(1, lease / 3);
                try {
                    renewal = renewals.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopping) {
                    // no renewals once stopping: the lease still covers the request in flight
                }
                if (released.get()) {
                    stopRenewing();
                }
            }

            private void renew() {
                if (released.get()) {
                    return;
                }
                semaphore.updateLeaseTimeAsync(id, lease, TimeUnit.MILLISECONDS).whenComplete((renewed, e) -> {
                    if (e != null) {
                        LOG.warn("Could not renew the lease of an upload permit of account {}: {}", accountId,
                                e.toString());
                    } else if (!renewed && !released.get()) {
                        stopRenewing();
                        LOG.warn("An upload permit of account {} outlived its lease ({} ms; was the JVM paused?): "
                                 + "another JVM may use its slot, and CleverTap may answer 429, which is retried",
                                accountId, lease);
                    }
                });
            }

            private void stopRenewing() {
                ScheduledFuture<?> scheduled = renewal;
                if (scheduled != null) {
                    scheduled.cancel(false);
                }
            }

            @Override
            public void release() {
                if (!released.compareAndSet(false, true)) {
                    return;
                }
                stopRenewing();
                try {
                    track(semaphore.tryReleaseAsync(id)).whenComplete((wasHeld, e) -> {
                        if (e != null) {
                            LOG.warn("Could not give back an upload permit of account {}; it comes back when its "
                                     + "lease ends: {}", accountId, e.toString());
                        } else if (!wasHeld) {
                            LOG.warn("An upload permit of account {} was released after its lease ({} ms) had ended",
                                    accountId, lease);
                        }
                    });
                } catch (RuntimeException e) {
                    LOG.warn("Could not give back an upload permit of account {}; it comes back when its lease "
                             + "ends: {}", accountId, e.toString());
                }
            }

            /** Lets the permit's lease end after the delay instead of renewing it: Redis gives it back, even if this JVM dies. */
            @Override
            public void releaseAfter(long delayMillis) {
                if (delayMillis <= 0) {
                    release();
                    return;
                }
                if (!released.compareAndSet(false, true)) {
                    return;
                }
                stopRenewing();
                try {
                    track(semaphore.updateLeaseTimeAsync(id, delayMillis, TimeUnit.MILLISECONDS))
                            .whenComplete((set, e) -> {
                        if (e != null) {
                            LOG.warn("Could not set the rest of an upload permit of account {}; it comes back when "
                                     + "its lease ends: {}", accountId, e.toString());
                        }
                    });
                } catch (RuntimeException e) {
                    LOG.warn("Could not set the rest of an upload permit of account {}; it comes back when its lease "
                             + "ends: {}", accountId, e.toString());
                }
            }
        }
    }

    private <T> CompletableFuture<T> track(RFuture<T> future) {
        CompletableFuture<T> completable = future.toCompletableFuture();
        releasing.add(completable);
        completable.whenComplete((result, e) -> releasing.remove(completable));
        return completable;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public String getAddress() {
        return address;
    }

    /** The Redis server, such as {@code redis://host:6379} or {@code rediss://...}, when no redissonClient is set. */
    public void setAddress(String address) {
        this.address = address;
    }

    public RedissonClient getRedissonClient() {
        return redissonClient;
    }

    /**
     * A client of your own (Sentinel, Cluster, TLS, credentials, timeouts); you shut it down. Without it, a
     * single-server client to {@code address} is made at start and shut down at stop.
     */
    public void setRedissonClient(RedissonClient redissonClient) {
        this.redissonClient = redissonClient;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    /** The Redis key of an account's permits is this prefix followed by the account id. */
    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public long getLeaseTime() {
        return leaseTime;
    }

    /**
     * How long, in milliseconds, a permit outlives a JVM that stopped renewing it (killed, paused, cut off from Redis).
     * At least the endpoint's requestTimeout, checked when the endpoint starts. Default: requestTimeout + 10 s.
     */
    public void setLeaseTime(long leaseTime) {
        this.leaseTime = leaseTime;
    }

    public long getWaitTime() {
        return waitTime;
    }

    /** The longest round, in milliseconds, of waiting for a permit in Redis before it is asked again. */
    public void setWaitTime(long waitTime) {
        this.waitTime = waitTime;
    }
}
