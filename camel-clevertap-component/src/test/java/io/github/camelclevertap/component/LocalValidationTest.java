package io.github.camelclevertap.component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Records that break CleverTap's rules are refused before they are sent, with CleverTap's code and words plus the
 * field, while the records around them are sent and stored as usual.
 */
class LocalValidationTest extends CleverTapTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // a batch of 2 is sent at once; a third record in it would wait a minute
                from("direct:single")
                        .errorHandler(deadLetterChannel("mock:dead"))
                        .to(clevertap("profile", "batchSize=2&batchTimeout=60000"))
                        .to("mock:stored");
                from("direct:events").to(clevertap("event", "batchTimeout=10"));
                // the two valid records of five fill one batch however slowly the machine reads them
                from("direct:twoValid").to(clevertap("event", "batchSize=2&batchTimeout=60000"));
                from("direct:unchecked").to(clevertap("profile", "batchTimeout=10&validate=false"));
                from("direct:fewProperties").to(clevertap("event", "batchTimeout=10&maxEventProperties=2"));
            }
        };
    }

    @Test
    void anInvalidSingleRecordFailsItsExchangeAndIsNeverSent() throws Exception {
        Map<String, Object> badEmail = profile("2", Map.of("Email", "not-an-email"));
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedBodiesReceived(badEmail);
        MockEndpoint stored = getMockEndpoint("mock:stored");
        stored.expectedMessageCount(2);

        List<Exchange> exchanges = sendConcurrently("direct:single",
                List.of(profile("1", Map.of("Name", "One")), badEmail, profile("3", Map.of("Name", "Three"))));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(emulator.stats().batchSizes()).as("one request, without the invalid record").containsExactly(2);
        assertThat(emulator.requests()).singleElement().satisfies(request -> {
            assertThat(request.body()).doesNotContain("not-an-email");
            assertThat(request.status()).isEqualTo(200);
        });
        assertThat(emulator.storedRecords()).extracting(r -> r.get("identity")).containsExactlyInAnyOrder("1", "3");
        Exception cause = dead.getExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        assertThat(cause).isInstanceOfSatisfying(CleverTapRecordRejectedException.class, rejected -> {
            assertThat(rejected.getCode()).isEqualTo(515);
            assertThat(rejected.getError())
                    .isEqualTo("Profile data is incorrect. Email is not valid. (field profileData.Email)");
            assertThat(rejected.getRecord()).isEqualTo(badEmail);
            assertThat(rejected.getRejectedRecord().index()).isZero();
            assertThat(rejected).hasMessage("CleverTap rejected the record with code 515: Profile data is incorrect."
                                            + " Email is not valid. (field profileData.Email)");
        });
        assertThat(exchanges.get(1).getMessage().getHeaders())
                .containsEntry(CleverTapConstants.STATUS, "fail")
                .containsEntry(CleverTapConstants.PROCESSED, 0)
                .containsEntry(CleverTapConstants.UNPROCESSED, 1);
        assertThat(exchanges.get(0).getMessage().getHeader(CleverTapConstants.STATUS)).isEqualTo("success");
        assertThat(exchanges.get(2).getMessage().getHeader(CleverTapConstants.STATUS)).isEqualTo("success");
    }

    @Test
    void aMultiRecordExchangeListsItsInvalidRecordsAndSendsTheOthers() {
        Map<String, Object> restricted = event("2", "App Launched", Map.of());
        Map<String, Object> nested = event("4", "Moved", Map.of("Address", Map.of("City", "Sofia")));
        Map<String, Object> badTs = new LinkedHashMap<>(event("5", "Clicked", Map.of()));
        badTs.put("ts", "yesterday");
        List<Map<String, Object>> records = List.of(
                ordered("1", "Clicked", "Button", "Buy"), restricted, ordered("3", "Clicked", "Button", "Sell"),
                nested, badTs);

        Exchange exchange = template.send("direct:twoValid", e -> e.getMessage().setBody(records));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeaders())
                .containsEntry(CleverTapConstants.STATUS, "partial")
                .containsEntry(CleverTapConstants.PROCESSED, 2)
                .containsEntry(CleverTapConstants.UNPROCESSED, 3);
        List<RejectedRecord> rejected = exchange.getMessage().getHeader(CleverTapConstants.REJECTED_RECORDS, List.class);
        assertThat(rejected).extracting(RejectedRecord::index, RejectedRecord::code, RejectedRecord::error,
                RejectedRecord::record)
                .containsExactly(
                        tuple(1L, 513, "Event name App Launched is restricted. (field evtName)", restricted),
                        tuple(3L, 512, "Invalid record structure. Event property 'Address' must be a string, number or"
                                       + " boolean: only the Items of a Charged event may nest. (field evtData.Address)",
                                nested),
                        tuple(4L, 525, "Timestamp should be present in the Unix Epoch format. (field ts)", badTs));
        assertThat(emulator.stats().batchSizes()).containsExactly(2);
        assertThat(emulator.requests()).singleElement().extracting(r -> r.body()).isEqualTo(
                "{\"d\":[{\"type\":\"event\",\"identity\":\"1\",\"evtName\":\"Clicked\",\"evtData\":{\"Button\":\"Buy\"}},"
                + "{\"type\":\"event\",\"identity\":\"3\",\"evtName\":\"Clicked\",\"evtData\":{\"Button\":\"Sell\"}}]}");
        assertThat(emulator.storedRecords()).extracting(r -> r.get("identity")).containsExactly("1", "3");
    }

    @Test
    void anExchangeOfOnlyInvalidRecordsSendsNothing() {
        Exchange exchange = template.send("direct:events", e -> e.getMessage().setBody(List.of(
                Map.of("type", "event", "evtName", "Clicked"), Map.of("type", "event", "identity", "1"))));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(CleverTapConstants.STATUS)).isEqualTo("fail");
        List<RejectedRecord> rejected = exchange.getMessage().getHeader(CleverTapConstants.REJECTED_RECORDS, List.class);
        assertThat(rejected).extracting(RejectedRecord::code, RejectedRecord::error).containsExactly(
                tuple(523, "Record must have one of identity, objectId, FBID or GPID. (field identity)"),
                tuple(509, "Event name is missing. (field evtName)"));
        assertThat(emulator.stats().requests()).isZero();
    }

    @Test
    void withValidationOffCleverTapJudgesTheRecord() {
        Exchange exchange = template.send("direct:unchecked",
                e -> e.getMessage().setBody(profile("1", Map.of("Phone", "223"))));

        assertThat(exchange.getException()).isInstanceOfSatisfying(CleverTapRecordRejectedException.class,
                rejected -> {
                    assertThat(rejected.getCode()).isEqualTo(516);
                    assertThat(rejected.getError())
                            .isEqualTo("Profile data is incorrect. Phone number is not valid.Skipped record number : 1");
                });
        assertThat(emulator.stats().batchSizes()).containsExactly(1);
        assertThat(emulator.storedRecords()).isEmpty();
    }

    @Test
    void thePropertyLimitPerEventIsAnOption() {
        Exchange exchange = template.send("direct:fewProperties",
                e -> e.getMessage().setBody(event("1", "Clicked", Map.of("A", 1, "B", 2, "C", 3))));

        assertThat(exchange.getException()).isInstanceOfSatisfying(CleverTapRecordRejectedException.class,
                rejected -> {
                    assertThat(rejected.getCode()).isEqualTo(522);
                    assertThat(rejected.getError())
                            .isEqualTo("Event data has 3 properties. At most 2 are allowed. (field evtData)");
                });
        assertThat(emulator.stats().requests()).isZero();
    }

    /** An event whose keys keep their order, so the request body can be compared as text. */
    private static Map<String, Object> ordered(String identity, String name, String key, Object value) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", "event");
        record.put("identity", identity);
        record.put("evtName", name);
        record.put("evtData", Map.of(key, value));
        return record;
    }
}
