package io.github.camelclevertap.component;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.camelclevertap.component.upload.DeliveryFailure;
import io.github.camelclevertap.component.upload.InFlightLimiter;
import io.github.camelclevertap.component.upload.UploadListener;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * DOWN while the producer's last request ended without CleverTap taking its records (wrong credentials or region,
 * retries exhausted), UP again as soon as CleverTap answers a request. Its details never hold the passcode.
 */
public class CleverTapProducerHealthCheck extends AbstractHealthCheck implements UploadListener {

    private final CleverTapEndpoint endpoint;
    private final AtomicLong recordsWithoutAnswer = new AtomicLong();
    private volatile DeliveryFailure lastFailure;

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

    @Override
    public void requestUnanswered(int records) {
        recordsWithoutAnswer.addAndGet(records);
    }
}
