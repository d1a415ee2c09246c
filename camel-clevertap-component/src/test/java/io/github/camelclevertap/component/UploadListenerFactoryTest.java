package io.github.camelclevertap.component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelclevertap.component.upload.DeliveryFailure;
import io.github.camelclevertap.component.upload.UploadListener;
import io.github.camelclevertap.emulator.Fault;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@link UploadListenerFactory} in the registry hears every upload of the producers, with the producer's route.
 */
class UploadListenerFactoryTest extends CleverTapTestSupport {

    private final List<String> heard = new CopyOnWriteArrayList<>();

    @Override
    protected void bindToRegistry(org.apache.camel.spi.Registry registry) {
        registry.bind("metrics", (UploadListenerFactory) producer -> new UploadListener() {
            private final String route = producer.getRouteId() + "/" + producer.getEndpoint().getConfiguration().getType();

            @Override
            public void requestStarted(int records) {
                heard.add(route + " started " + records);
            }

            @Override
            public void requestFinished(long nanos) {
                heard.add(route + " finished " + (nanos > 0));
            }

            @Override
            public void recordsAnswered(int stored, int rejected) {
                heard.add(route + " answered " + stored + "/" + rejected);
            }

            @Override
            public void recordsUndelivered(int records, DeliveryFailure failure) {
                heard.add(route + " undelivered " + records + " " + failure.httpStatus());
            }

            @Override
            public void retried(int records) {
                heard.add(route + " retried " + records);
            }

            @Override
            public void recordsRejectedLocally(int records) {
                heard.add(route + " rejected locally " + records);
            }
        });
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload").routeId("signups")
                        .to(clevertap("profile", "batchTimeout=10&maxRetries=1&retryDelay=1"));
            }
        };
    }

    @Test
    void hearsEveryRequestRetryAndOutcome() {
        emulator.faults().enqueue(Fault.status(503));
        Exchange stored = template.send("direct:upload", e -> e.getMessage().setBody(List.of(
                profile("1", Map.of("Name", "One")), profile("2", Map.of("Name", "Two")))));

        assertThat(stored.getException()).isNull();
        assertThat(heard).containsExactly(
                "signups/profile started 2", "signups/profile finished true", "signups/profile retried 2",
                "signups/profile started 2", "signups/profile finished true", "signups/profile answered 2/0");
    }

    @Test
    void hearsRecordsRejectedBeforeSending() {
        Exchange rejected = template.send("direct:upload",
                e -> e.getMessage().setBody(profile("3", Map.of("Email", "not-an-email"))));

        assertThat(rejected.getException()).isInstanceOf(CleverTapRecordRejectedException.class);
        assertThat(heard).containsExactly("signups/profile rejected locally 1");
    }

    @Test
    void hearsUndeliveredRecords() {
        emulator.faults().enqueue(Fault.status(503));
        emulator.faults().enqueue(Fault.status(503));
        Exchange failed = template.send("direct:upload", e -> e.getMessage().setBody(profile("4", Map.of("Name", "Four"))));

        assertThat(failed.getException()).isInstanceOf(CleverTapDeliveryException.class);
        assertThat(heard).endsWith("signups/profile undelivered 1 503");
    }
}
