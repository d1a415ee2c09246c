package io.github.camelclevertap.component;

import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.camelclevertap.component.upload.DeliveryFailure;
import io.github.camelclevertap.component.upload.InFlightLimiter;
import io.github.camelclevertap.component.upload.UploadListener;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * DOWN while the producer's last request for the endpoint's account ended without CleverTap taking its records (wrong
 * credentials or region, retries exhausted), UP again as soon as CleverTap answers a request. Accounts named by the
 * header are listed in the details while their last request failed, without marking the check DOWN: one tenant's
 * wrong passcode must not take the instance out of service for every other. Its details never hold the passcode.
 */
public class CleverTapProducerHealthCheck extends AbstractHealthCheck implements UploadListener {

    private final CleverTapEndpoint endpoint;
    private final AtomicLong recordsWithoutAnswer = new AtomicLong();
    private volatile DeliveryFailure lastFailure;
    // header accounts whose last request failed, until CleverTap answers one of theirs
    private final Map<String, DeliveryFailure> failingAccounts = new ConcurrentHashMap<>();

    public CleverTapProducerHealthCheck(CleverTapEndpoint endpoint, String id) {
        super("camel", "producer:clevertap-" + id);
        this.endpoint = endpoint;
    }

    @Override
    public boolean isLiveness() {
        // a CleverTap outage is no reason to restart the application
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("clevertap.url", endpoint.getServiceUrl());
        builder.detail("clevertap.account.id", endpoint.getConfiguration().getAccountId());
        InFlightLimiter limiter = endpoint.getLimiter();
        if (limiter != null) {
            builder.detail("clevertap.requests.in.flight", limiter.inFlight());
            builder.detail("clevertap.requests.waiting", limiter.waiting());
        }
        // records CleverTap may hold twice if they were sent again: the only source of duplicates
        builder.detail("clevertap.records.without.answer", recordsWithoutAnswer.get());
        if (!failingAccounts.isEmpty()) {
            builder.detail("clevertap.failing.accounts", String.join(",", new TreeSet<>(failingAccounts.keySet())));
        }
        DeliveryFailure failure = lastFailure;
        if (failure == null) {
            builder.up();
            return;
        }
        builder.message(failure.message());
        if (failure.httpStatus() > 0) {
            builder.detail(HTTP_RESPONSE_CODE, failure.httpStatus());
        }
        builder.down();
    }

    @Override
    public void recordsAnswered(int stored, int rejected) {
        lastFailure = null;
    }

    @Override
    public void recordsUndelivered(int records, DeliveryFailure failure) {
        lastFailure = failure;
    }

    /** What the uploads of a header account tell this check: its failures, listed by account id. */
    UploadListener forAccount(String accountId) {
        return new UploadListener() {
            @Override
            public void recordsAnswered(int stored, int rejected) {
                failingAccounts.remove(accountId);
            }

            @Override
            public void recordsUndelivered(int records, DeliveryFailure failure) {
                failingAccounts.put(accountId, failure);
            }

            @Override
            public void requestUnanswered(int records) {
                recordsWithoutAnswer.addAndGet(records);
            }
        };
    }

    @Override
    public void requestUnanswered(int records) {
        recordsWithoutAnswer.addAndGet(records);
    }
}
