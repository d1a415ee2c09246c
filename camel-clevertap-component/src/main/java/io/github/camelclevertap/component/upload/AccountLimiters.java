package io.github.camelclevertap.component.upload;

import java.util.HashMap;
import java.util.Map;

/**
 * The in-flight limiters of the accounts in use, one per account. The default is one registry for the whole JVM,
 * because CleverTap counts concurrent requests per account whatever sends them, so two Camel contexts in one JVM
 * share an account's 15. An account's limiter is dropped as soon as no endpoint is registered, no permit is out and
 * nobody waits, so its state lives exactly as long as it is used and nothing outlives the endpoints.
 */
public final class AccountLimiters implements UploadPermits {

    private static final AccountLimiters JVM_WIDE = new AccountLimiters();

    private final Map<String, InFlightLimiter> byAccount = new HashMap<>();

    public static AccountLimiters jvmWide() {
        return JVM_WIDE;
    }

    /**
     * Registers a user of the account's limiter, asking for at most {@code limit} requests in flight.
     *
     * @param ceiling the most any registration can ask for (CleverTap's limit)
     */
    public synchronized InFlightLimiter.Registration register(String accountId, int limit, int ceiling) {
        InFlightLimiter limiter = byAccount.computeIfAbsent(accountId,
                id -> new InFlightLimiter(id, ceiling, this));
        return limiter.register(limit);
    }

    /** Registers with CleverTap's limit as the ceiling; the JVM's limit needs no request timeout. */
    @Override
    public InFlightLimiter.Registration register(String accountId, int limit, long requestTimeoutMillis) {
        return register(accountId, limit, InFlightLimiter.CLEVERTAP_LIMIT);
    }

    /** The account's requests in flight in this JVM now; 0 when nothing uses the account. */
    public int inFlight(String accountId) {
        InFlightLimiter limiter;
        synchronized (this) {
            limiter = byAccount.get(accountId);
        }
        return limiter == null ? 0 : limiter.inFlight();
    }

    /** The accounts that have a limiter now. */
    public synchronized int accounts() {
        return byAccount.size();
    }

    synchronized void forgetIfIdle(InFlightLimiter limiter) {
        if (limiter.idle()) {
            byAccount.remove(limiter.accountId(), limiter);
        }
    }
}
