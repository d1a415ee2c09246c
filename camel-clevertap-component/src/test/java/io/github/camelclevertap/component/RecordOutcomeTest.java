package io.github.camelclevertap.component;

import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How CleverTap's own per-record answers reach the route. Local validation is off here, so the invalid records do reach
 * the emulator; {@link LocalValidationTest} covers records refused before they are sent.
 */
class RecordOutcomeTest extends CleverTapTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:single")
                        .errorHandler(deadLetterChannel("mock:dead"))
                        .to(clevertap("profile", "batchSize=3&batchTimeout=60000&validate=false"))
                        .to("mock:stored");
                from("direct:many").to(clevertap("profile", "batchTimeout=10&validate=false"));
                // one request for the four records however slowly they are read: CleverTap numbers skipped records per request
                from("direct:four").to(clevertap("profile", "batchSize=4&batchTimeout=60000&validate=false"));
                from("direct:mixed").to(clevertap("profile", "batchTimeout=10&allowMixedTypes=true"));
            }
        };
    }

    @Test
    void aRejectedRecordFailsOnlyItsOwnExchange() throws Exception {
        Map<String, Object> badEmail = profile("2", Map.of("Email", "not-an-email"));
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedBodiesReceived(badEmail);
        MockEndpoint stored = getMockEndpoint("mock:stored");
        stored.expectedMessageCount(2);

        List<Exchange> exchanges = sendConcurrently("direct:single",
                List.of(profile("1", Map.of("Name", "One")), badEmail, profile("3", Map.of("Name", "Three"))));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(emulator.stats().batchSizes()).as("one request for the three").containsExactly(3);
        Exception cause = dead.getExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        assertThat(cause).isInstanceOfSatisfying(CleverTapRecordRejectedException.class, rejected -> {
            assertThat(rejected.getCode()).isEqualTo(515);
            assertThat(rejected.getError())
                    .isEqualTo("Profile data is incorrect. Email is not valid.Skipped record number : 2");
            assertThat(rejected.getRecord()).isEqualTo(badEmail);
        });
        assertThat(exchanges.get(1).getMessage().getHeaders())
                .containsEntry(CleverTapConstants.STATUS, "fail")
                .containsEntry(CleverTapConstants.PROCESSED, 0)
                .containsEntry(CleverTapConstants.UNPROCESSED, 1);
        assertThat(emulator.storedRecords()).extracting(r -> r.get("identity")).containsExactlyInAnyOrder("1", "3");
    }

    @Test
    void aMultiRecordExchangeReportsEachRejectedRecordWithItsPosition() {
        List<Map<String, Object>> records = List.of(
                profile("1", Map.of("Name", "One")),
                profile("2", Map.of("Phone", "+44+441234")),
                profile("3", Map.of("Name", "Three")),
                profile("4", Map.of("Gender", "X")));

        Exchange exchange = template.send("direct:four", e -> e.getMessage().setBody(records));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeaders())
                .containsEntry(CleverTapConstants.STATUS, "partial")
                .containsEntry(CleverTapConstants.PROCESSED, 2)
                .containsEntry(CleverTapConstants.UNPROCESSED, 2);
        List<RejectedRecord> rejected = exchange.getMessage().getHeader(CleverTapConstants.REJECTED_RECORDS, List.class);
        assertThat(rejected).extracting(RejectedRecord::index, RejectedRecord::code, RejectedRecord::record)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, 516, records.get(1)),
                        org.assertj.core.groups.Tuple.tuple(3L, 514, records.get(3)));
        assertThat(rejected.get(0).error())
                .isEqualTo("Profile data is incorrect. Phone number is not valid.Skipped record number : 2");
    }

    @Test
    void aRecordOfTheOtherTypeIsRejectedLocallyUnlessMixedTypesAreAllowed() {
        Map<String, Object> event = event("1", "Clicked", Map.of("Button", "Buy"));

        Exchange strict = template.send("direct:many",
                e -> e.getMessage().setBody(List.of(event, profile("2", Map.of("Name", "Two")))));
        Exchange mixed = template.send("direct:mixed", e -> e.getMessage().setBody(List.of(event)));

        List<RejectedRecord> rejected = strict.getMessage().getHeader(CleverTapConstants.REJECTED_RECORDS, List.class);
        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.index()).isZero();
            assertThat(r.code()).isEqualTo(524);
            assertThat(r.error()).contains("type 'event'", "endpoint type 'profile'", "allowMixedTypes=true");
        });
        assertThat(mixed.getMessage().getHeader(CleverTapConstants.STATUS)).isEqualTo("success");
        assertThat(emulator.stats().batchSizes()).as("the rejected record was never sent").containsExactly(1, 1);
    }

    @Test
    void aSingleRecordRefusedLocallyFailsItsExchangeWithoutARequest() {
        Exchange exchange = template.send("direct:many",
                e -> e.getMessage().setBody(event("1", "Clicked", Map.of("Button", "Buy"))));

        assertThat(exchange.getException()).isInstanceOfSatisfying(CleverTapRecordRejectedException.class,
                rejected -> assertThat(rejected.getCode()).isEqualTo(524));
        assertThat(exchange.getMessage().getHeader(CleverTapConstants.STATUS)).isEqualTo("fail");
        assertThat(emulator.stats().requests()).isZero();
    }
}
