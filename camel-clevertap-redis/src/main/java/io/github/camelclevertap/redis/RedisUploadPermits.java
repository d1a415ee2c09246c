package io.github.camelclevertap.redis;

import java.util.List;
import java.util.Set;
import java.util.UUID;
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
import org.redisson.RedissonObject;
import org.redisson.api.RFuture;
import org.redisson.api.RPermitExpirableSemaphore;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
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
    /**
     * How long past its waitTime a round may go unanswered before the waiter asks again: Redisson's
     * tryAcquireAsync(waitTime, ...) of RPermitExpirableSemaphore sometimes never completes when its wait ends as a
     * permit is released (the churn test caught about one round in 100,000), which would leave a batch waiting forever.
     */
    static final long ROUND_ANSWER_GRACE_MILLIS = 2000;

    private static final String SYNC_REGISTER = "register";
    private static final String SYNC_REFRESH = "refresh";
    private static final String SYNC_REMOVE = "remove";

    /**
     * Keeps an account's registry of limits (KEYS[4]: a sorted set of "limit:registration" scored by when it lapses,
     * in Redis' TIME) and sets the semaphore's count (KEYS[1], Redisson's free permits; KEYS[2], its leases) to the
     * lowest live limit, as Redisson's setPermits does. A missing count found at a refresh means Redis lost the key
     * while this JVM used it (a restart without persistence): other JVMs may still have requests in flight, so it is
     * made with no free permit and one placeholder lease per slot, ending one lease from now (ARGV[3], this JVM's
     * clock, as Redisson's leases): the slots come back as those leases end, after any request in flight is over.
     * ARGV: 1 registration, 2 limit, 3 now (ms), 4 registration TTL (ms), 5 lease (ms), 6 register|refresh|remove.
     */
    private static final String SYNC_SCRIPT = """
            local t = redis.call('time')
            local rnow = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local ttl = tonumber(ARGV[4])
            redis.call('zremrangebyscore', KEYS[4], '-inf', rnow)
            local member = ARGV[2] .. ':' .. ARGV[1]
            if ARGV[6] == 'remove' then
                redis.call('zrem', KEYS[4], member)
            else
                redis.call('zadd', KEYS[4], rnow + ttl, member)
                if redis.call('pttl', KEYS[4]) < ttl then redis.call('pexpire', KEYS[4], ttl) end
            end
            local lowest = nil
            for _, m in ipairs(redis.call('zrange', KEYS[4], 0, -1)) do
                local l = tonumber(string.match(m, '^(%d+):'))
                if lowest == nil or l < lowest then lowest = l end
            end
            if lowest == nil then return -1 end
            local available = redis.call('get', KEYS[1])
            if available == false then
                if ARGV[6] == 'register' then
                    redis.call('set', KEYS[1], lowest)
                    return lowest
                end
                redis.call('set', KEYS[1], 0)
                local ends = tonumber(ARGV[3]) + tonumber(ARGV[5])
                for i = 1, lowest do
                    redis.call('zadd', KEYS[2], ends, 'lost-key-placeholder:' .. i)
                end
                return -2
            end
            local acquired = redis.call('zcount', KEYS[2], 0, '+inf')
            local maximum = (acquired == false and 0 or acquired) + tonumber(available)
            if maximum ~= lowest then
                redis.call('incrby', KEYS[1], lowest - maximum)
            end
            return lowest
            """;

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
    // rounds of waiting in Redis (each up to waitTime), which a stop lets end before it shuts the client down
    private final Set<CompletableFuture<?>> rounds = ConcurrentHashMap.newKeySet();
    private final Set<Account> accounts = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private ScheduledExecutorService renewals;

    @Override
    protected void doStart() throws Exception {
        stopping = false;
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
        stopping = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitTime + STOP_WAIT_MILLIS);
        // this JVM's limits leave the account's registry, so the lowest limit still live applies to the others
        for (Account account : accounts) {
            account.close();
        }
        // rounds in progress end within waitTime; a permit one brings to a cancelled waiter is released (tracked
        // in releasing) before its round counts as ended. Then the releases, including those started meanwhile.
        awaitAll(rounds, deadline);
        awaitAll(releasing, deadline);
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

    private static void awaitAll(Set<CompletableFuture<?>> futures, long deadline) throws InterruptedException {
        while (!futures.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.debug("Stopping with {} Redis calls unfinished; their permits come back when their lease ends",
                        futures.size());
                return;
            }
            try {
                CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                LOG.debug("Permits given back at stop may come back only when their lease ends", e);
                if (e instanceof TimeoutException) {
                    return;
                }
            }
        }
    }

    @Override
    public AccountPermits register(String accountId, int limit, long requestTimeoutMillis) throws Exception {
        if (!isStarted()) {
            throw new IllegalStateException("RedisUploadPermits is not started");
        }
        if (leaseTime > 0 && leaseTime < requestTimeoutMillis) {
            throw new IllegalArgumentException("Option leaseTime of RedisUploadPermits (" + leaseTime
                                               + " ms) must be at least the endpoint's requestTimeout ("
                                               + requestTimeoutMillis + " ms): a permit must outlast its request");
        }
        long lease = leaseTime > 0 ? leaseTime : requestTimeoutMillis + DEFAULT_LEASE_MARGIN;
        checkClock(Math.min(validityWindow(lease, requestTimeoutMillis), lease * 2 / 3) / 2);
        String name = keyPrefix + accountId;
        RPermitExpirableSemaphore semaphore = client.getPermitExpirableSemaphore(name);
        Account account = new Account(accountId, name, semaphore, limit, lease, requestTimeoutMillis);
        // this JVM's limit joins the account's registry; the count becomes the lowest limit registered
        account.sync(SYNC_REGISTER).get(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        accounts.add(account);
        account.refreshWhileRegistered();
        return account;
    }

    /**
     * Redisson stamps and checks leases with each JVM's own clock: a JVM whose clock is ahead by more than the lease
     * margin sees other JVMs' live leases as ended and takes their slots. Fails the endpoint's start when this JVM's
     * clock and Redis' differ by more than {@code allowed} (half the margin: two JVMs then differ by at most the margin).
     */
    private void checkClock(long allowedSkew) throws Exception {
        long before = System.currentTimeMillis();
        List<Object> time = client.getScript(StringCodec.INSTANCE)
                .<List<Object>> evalAsync(RScript.Mode.READ_ONLY, "return redis.call('time')", RScript.ReturnType.MULTI,
                        List.of())
                .get(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        long after = System.currentTimeMillis();
        long redisMillis = Long.parseLong(String.valueOf(time.get(0))) * 1000
                           + Long.parseLong(String.valueOf(time.get(1))) / 1000;
        long skew = (before + after) / 2 - redisMillis;
        long allowed = allowedSkew + (after - before) / 2;
        if (Math.abs(skew) > allowed) {
            throw new IllegalStateException("The clock of this JVM is " + skew + " ms off the Redis server's (TIME); "
                                             + "RedisUploadPermits allows " + allowedSkew
                                             + " ms (about half of leaseTime - requestTimeout): leases are stamped with each "
                                             + "JVM's clock, and a JVM ahead takes the slots of live permits. "
                                             + "Synchronise the clocks (NTP)");
        }
    }

    /**
     * How long a permit stays valid after Redis last confirmed its lease: the lease's margin over a request, so a request
     * started in a valid permit ends before the lease. With leaseTime within a second of requestTimeout, at least a
     * second (or a third of the lease), and the guard against a lapsed lease is weaker.
     */
    static long validityWindow(long lease, long requestTimeout) {
        return Math.max(lease - requestTimeout, Math.min(1000, lease / 3));
    }

    /** The permits of the account free now, expired leases given back first (for monitoring and tests). */
    public int availablePermits(String accountId) {
        return client.getPermitExpirableSemaphore(keyPrefix + accountId).availablePermits();
    }

    private final class Account implements AccountPermits {

        private final String accountId;
        private final String name;
        private final RPermitExpirableSemaphore semaphore;
        private final int limit;
        private final long lease;
        private final long requestTimeout;
        private final String registration = UUID.randomUUID().toString();
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile ScheduledFuture<?> refresh;

        Account(String accountId, String name, RPermitExpirableSemaphore semaphore, int limit, long lease,
                long requestTimeout) {
            this.accountId = accountId;
            this.name = name;
            this.semaphore = semaphore;
            this.limit = limit;
            this.lease = lease;
            this.requestTimeout = requestTimeout;
        }

        /** Runs SYNC_SCRIPT: registers, refreshes or removes this endpoint's limit and sets the account's count. */
        CompletableFuture<Long> sync(String mode) {
            List<Object> keys = List.of(name, RedissonObject.suffixName(name, "timeout"), "unused",
                    RedissonObject.suffixName(name, "limits"));
            return client.getScript(StringCodec.INSTANCE)
                    .<Long> evalAsync(name, RScript.Mode.READ_WRITE, SYNC_SCRIPT, RScript.ReturnType.INTEGER, keys,
                            registration, String.valueOf(limit), String.valueOf(System.currentTimeMillis()),
                            String.valueOf(lease), String.valueOf(lease), mode)
                    .toCompletableFuture()
                    .whenComplete((result, e) -> {
                        if (result != null && result == -2) {
                            LOG.warn("The upload permits of account {} were missing in Redis (lost in a restart?): "
                                     + "made again with their slots coming back in {} ms, when any request in "
                                     + "flight is over", accountId, lease);
                        }
                    });
        }

        /** Keeps this endpoint's limit registered (its entry lapses one lease after the JVM stops refreshing it). */
        void refreshWhileRegistered() {
            long every = Math.max(1, lease / 3);
            try {
                refresh = renewals.scheduleWithFixedDelay(() -> {
                    if (!closed.get()) {
                        sync(SYNC_REFRESH).whenComplete((r, e) -> {
                            if (e != null) {
                                LOG.debug("Could not refresh the limit of account {} in Redis: {}", accountId,
                                        e.toString());
                            }
                        });
                    }
                }, every, every, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // stopping: the registration lapses
            }
        }

        @Override
        public Request acquire(Callback callback) {
            Waiter waiter = new Waiter(callback);
            waiter.round();
            return waiter;
        }

        /** This endpoint's limit leaves the account's registry; the permits are given back by their holders. */
        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            accounts.remove(this);
            ScheduledFuture<?> scheduled = refresh;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            try {
                trackCompletable(sync(SYNC_REMOVE).handle((r, e) -> {
                    if (e != null) {
                        LOG.debug("Could not remove the limit of account {} from Redis; it lapses in {} ms: {}",
                                accountId, lease, e.toString());
                    }
                    return null;
                }));
            } catch (RuntimeException e) {
                LOG.debug("Could not remove the limit of account {} from Redis; it lapses in {} ms", accountId,
                        lease, e);
            }
        }

        private final class Waiter implements Request {

            private final Callback callback;
            // guarded by this
            private boolean cancelled;
            private boolean answered;
            // the number of the newest round asked: only its error fails the waiter, a superseded round's is ignored
            private int newestRound;
            // when Redis last answered a round of this waiter (or the waiter started), for the deadline
            private long heardAt = System.nanoTime();

            Waiter(Callback callback) {
                this.callback = callback;
            }

            void round() {
                if (isOver()) {
                    return;
                }
                if (stopping) {
                    fail(new IllegalStateException("RedisUploadPermits is stopping"));
                    return;
                }
                long started = System.nanoTime();
                int number;
                synchronized (this) {
                    number = ++newestRound;
                }
                RFuture<String> round;
                try {
                    round = semaphore.tryAcquireAsync(waitTime, lease, TimeUnit.MILLISECONDS);
                } catch (RuntimeException e) {
                    fail(e);
                    return;
                }
                // the next round starts once, when this one ends without a permit or when it goes unanswered
                AtomicBoolean next = new AtomicBoolean();
                // tracked until what the round brings is handled (a permit for a cancelled or answered waiter
                // released), so a stop waits for it before it shuts the client down
                CompletableFuture<?> handled = round.toCompletableFuture().whenComplete((permitId, error) -> {
                    if (error == null) {
                        heard();
                    }
                    if (error != null) {
                        if (isSuperseded(number) && !pastDeadline()) {
                            // a newer round was asked because this one went unanswered: its answer is the waiter's
                            // (unless Redis answered no round of the waiter before the deadline)
                            LOG.debug("A superseded permit round of account {} ended late with an error, ignored: {}",
                                    accountId, error.toString());
                        } else {
                            fail(error);
                        }
                    } else if (permitId != null) {
                        grant(new Permit(permitId, started));
                    } else if (!isOver() && next.compareAndSet(false, true)) {
                        // none free during the round; the count is made again in case Redis lost it (a restart
                        // without persistence), with its slots back only after any lease could have ended, then
                        // the next round
                        sync(SYNC_REFRESH).whenComplete((set, e) -> {
                            if (e != null) {
                                fail(e);
                            } else {
                                round();
                            }
                        });
                    }
                });
                rounds.add(handled);
                handled.whenComplete((r, e) -> rounds.remove(handled));
                askAgainIfUnanswered(handled, next);
            }

            /**
             * A round still unanswered {@value #ROUND_ANSWER_GRACE_MILLIS} ms after its waitTime is followed by
             * another; whichever answers first is the waiter's, a permit the other brings is given back ({@link
             * #grant}) and an error it brings later is ignored, unless Redis answered no round of the waiter for
             * two rounds and their grace ({@link #pastDeadline()}): only the newest round's error, or the deadline,
             * fails the waiter.
             */
            private void askAgainIfUnanswered(CompletableFuture<?> handled, AtomicBoolean next) {
                try {
                    renewals.schedule(() -> {
                        if (!handled.isDone() && !isOver() && next.compareAndSet(false, true)) {
                            LOG.debug("A permit round of account {} got no answer from Redisson {} ms after its wait"
                                      + " ended: asking again", accountId, ROUND_ANSWER_GRACE_MILLIS);
                            round();
                        }
                    }, waitTime + ROUND_ANSWER_GRACE_MILLIS, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopping) {
                    // stopping: the stop waits for the round, then shuts the client down
                }
            }

            private synchronized void heard() {
                heardAt = System.nanoTime();
            }

            /**
             * The deadline: no round of this waiter answered for two rounds and their grace. A superseded round's
             * error then fails the waiter (Redis is not answering: every round goes unanswered, and each one's
             * error would otherwise come after the next round was asked).
             */
            private synchronized boolean pastDeadline() {
                return System.nanoTime() - heardAt > TimeUnit.MILLISECONDS.toNanos(2 * (waitTime
                                                                                      + ROUND_ANSWER_GRACE_MILLIS));
            }

            /** A newer round was asked after this one. */
            private synchronized boolean isSuperseded(int round) {
                return round != newestRound;
            }

            /** Cancelled, or answered: no more rounds. */
            private synchronized boolean isOver() {
                return cancelled || answered;
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
                    // the round in progress ends within waitTime; a permit it brings is released in grant, and a
                    // stop waits for both
                    return true;
                }
            }
        }

        private final class Permit implements UploadPermits.Permit {

            private final String id;
            private final AtomicBoolean released = new AtomicBoolean();
            private volatile ScheduledFuture<?> renewal;
            // System.nanoTime() when the last lease Redis confirmed was asked for: the lease runs at least from then
            private volatile long confirmedAt;
            private volatile boolean lost;

            Permit(String id, long askedAt) {
                this.id = id;
                this.confirmedAt = askedAt;
            }

            /**
             * Valid while the lease last confirmed by Redis still covers a whole request started now: a permit whose
             * renewals fail (Redis away) longer than leaseTime - requestTimeout, or whose lease Redis says has ended,
             * is lost, and another JVM may be given its slot.
             */
            @Override
            public boolean isValid() {
                return !released.get() && !lost
                       && System.nanoTime() - confirmedAt < TimeUnit.MILLISECONDS.toNanos(validityWindow(lease, requestTimeout));
            }

            /** Renews the lease every third of it (more often when the margin over requestTimeout is short) until released. */
            void renewWhileHeld() {
                long every = Math.max(1, Math.min(lease / 3, validityWindow(lease, requestTimeout) / 2));
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
                long asked = System.nanoTime();
                semaphore.updateLeaseTimeAsync(id, lease, TimeUnit.MILLISECONDS).whenComplete((renewed, e) -> {
                    if (e == null && renewed) {
                        confirmedAt = asked;
                    }
                    if (e != null) {
                        LOG.warn("Could not renew the lease of an upload permit of account {}: {}", accountId,
                                e.toString());
                    } else if (!renewed && !released.get()) {
                        lost = true;
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
        return trackCompletable(future.toCompletableFuture());
    }

    private <T> CompletableFuture<T> trackCompletable(CompletableFuture<T> completable) {
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
