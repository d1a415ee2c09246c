package io.github.camelclevertap.examples.quarkus;

import java.util.concurrent.TimeUnit;

import io.github.camelclevertap.component.CleverTapConfiguration;
import io.github.camelclevertap.component.CleverTapProducer;
import io.github.camelclevertap.component.UploadListenerFactory;
import io.github.camelclevertap.component.upload.DeliveryFailure;
import io.github.camelclevertap.component.upload.UploadListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Micrometer meters of every CleverTap producer, tagged with the account, the record type and the route (the sink
 * Kamelet's route, named in the YAML routes: {@code kamelet:clevertap-sink/webhook-upload}):
 * <ul>
 * <li>{@code clevertap.records.sent}: records CleverTap stored;</li>
 * <li>{@code clevertap.records.rejected}: records refused, tagged {@code by=clevertap} or {@code by=local}
 * (local validation: never sent);</li>
 * <li>{@code clevertap.records.undelivered}: records that got no answer (retries exhausted, 400/401);</li>
 * <li>{@code clevertap.records.retried}: records sent again after HTTP 429, 5xx, a timeout or a dropped
 * connection;</li>
 * <li>{@code clevertap.requests.in.flight}: upload requests in flight for the account (at most 15);</li>
 * <li>{@code clevertap.request.duration}: the time of each upload request, until CleverTap's answer.</li>
 * </ul>
 */
@ApplicationScoped
public class CleverTapMetrics implements UploadListenerFactory {

    private final MeterRegistry registry;

    CleverTapMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public UploadListener create(CleverTapProducer producer) {
        CleverTapConfiguration configuration = producer.getEndpoint().getConfiguration();
        Tags account = Tags.of("account", configuration.getAccountId());
        Tags tags = account.and("type", configuration.getType(), "route",
                producer.getRouteId() == null ? "" : producer.getRouteId());
        // read from the account's registry, which lives as long as the component: a limiter is dropped when its
        // account is idle, and a gauge holds its object only weakly
        String accountId = configuration.getAccountId();
        Gauge.builder("clevertap.requests.in.flight", producer.getEndpoint().getComponent().getAccountLimiters(),
                        limiters -> limiters.inFlight(accountId))
                .description("Upload requests in flight for the account").tags(account).register(registry);
        return new MeterListener(
                counter("clevertap.records.sent", "Records CleverTap stored", tags),
                counter("clevertap.records.rejected", "Records CleverTap refused", tags.and("by", "clevertap")),
                counter("clevertap.records.rejected", "Records refused by local validation, never sent",
                        tags.and("by", "local")),
                counter("clevertap.records.undelivered", "Records CleverTap did not answer for", tags),
                counter("clevertap.records.retried", "Records sent again after a transient failure", tags),
                Timer.builder("clevertap.request.duration").description("Upload requests, until CleverTap's answer")
                        .tags(tags).register(registry));
    }

    private Counter counter(String name, String description, Tags tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    private record MeterListener(Counter sent, Counter rejected, Counter rejectedLocally, Counter undelivered,
            Counter retried, Timer duration) implements UploadListener {

        @Override
        public void requestFinished(long nanos) {
            duration.record(nanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void recordsAnswered(int stored, int refused) {
            sent.increment(stored);
            rejected.increment(refused);
        }

        @Override
        public void recordsUndelivered(int records, DeliveryFailure failure) {
            undelivered.increment(records);
        }

        @Override
        public void retried(int records) {
            retried.increment(records);
        }

        @Override
        public void recordsRejectedLocally(int records) {
            rejectedLocally.increment(records);
        }
    }
}
