package io.github.camelclevertap.component.promises;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelclevertap.component.RejectedRecord;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static io.github.camelclevertap.component.promises.ScriptedCleverTap.answer;
import static io.github.camelclevertap.component.promises.ScriptedCleverTap.computed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Promise 2 ("a record reported stored was stored"): an {@code unprocessed} entry whose record number names one
 * record while the record it echoes is another one of the batch contradicts itself. Which of the two CleverTap
 * skipped cannot be known, so neither may be reported stored; the reconciler trusts the number and reports the echoed
 * record (the one CleverTap sent back as skipped) as stored.
 */
class Promise2ContradictingEntryTest extends PromisesTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload").to(uri("profile", "batchTimeout=10&maxRetries=0"));
            }
        };
    }

    @Test
    void entryNumberingOneRecordButEchoingAnotherDoesNotReportTheEchoedRecordStored() {
        // "record number : 2" but the echoed record is the first one sent
        clevertap.then(computed(request -> {
            JsonNode first = request.path("d").get(0);
            return answer(200, "{\"status\":\"partial\",\"processed\":1,\"unprocessed\":[{\"status\":\"fail\","
                               + "\"code\":515,\"error\":\"Profile data is incorrect. Email is not valid."
                               + "Skipped record number : 2\",\"record\":" + first + "}]}");
        }));

        Exchange exchange = sendAndAwait("direct:upload", profiles(2), Duration.ofSeconds(10));

        List<RejectedRecord> rejected = listHeader(exchange, REJECTED_RECORDS);
        // record 0 is the one CleverTap echoed as skipped: it must not be reported stored
        assertThat(exchange.getMessage().getHeader(PROCESSED, Integer.class))
                .as("records reported stored although the answer contradicts itself about which was skipped; "
                    + "rejected=%s", rejected)
                .isZero();
    }
}
