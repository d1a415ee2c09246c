package io.github.camelclevertap.component.mapping;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentRecordMapperTest extends MappingTestSupport {

    /** Datafly Signal's worked example: track("Order Completed", {...}) for jane.doe@example.com. */
    static final String ORDER_COMPLETED = """
            {"type": "track", "event": "Order Completed", "userId": "jane.doe@example.com",
             "timestamp": "2024-03-01T10:15:30.000Z",
             "properties": {"order_id": "ORD-001", "revenue": 129.99, "currency": "USD",
                            "products": [{"product_id": "P-100", "sku": "TSHIRT-M", "name": "T-Shirt",
                                          "price": 29.99, "quantity": 2},
                                         {"product_id": "P-200", "sku": "HOODIE-L", "name": "Hoodie",
                                          "price": 70.01, "quantity": 1}]}}""";

    private final SegmentRecordMapper mapper = new SegmentRecordMapper();

    @Test
    void orderCompletedBecomesDataflySignalsChargedEventExactly() throws Exception {
        Map<String, Object> record = record(mapper, ORDER_COMPLETED);

        assertThat(new ObjectMapper().writeValueAsString(record)).isEqualTo(
                "{\"type\":\"event\",\"identity\":\"jane.doe@example.com\",\"ts\":1709288130,\"evtName\":\"Charged\","
                                                                          + "\"evtData\":{\"Charged ID\":\"ORD-001\",\"Amount\":129.99,\"Currency\":\"USD\","
                                                                          + "\"Items\":[{\"product_id\":\"P-100\",\"sku\":\"TSHIRT-M\",\"name\":\"T-Shirt\","
                                                                          + "\"price\":29.99,\"quantity\":2},{\"product_id\":\"P-200\",\"sku\":\"HOODIE-L\","
                                                                          + "\"name\":\"Hoodie\",\"price\":70.01,\"quantity\":1}]}}");
    }

    @Test
    void chargedTakesTotalWithoutRevenueAndKeepsTheOtherProperties() throws Exception {
        String message = """
                {"type": "track", "event": "order completed", "userId": "u1",
                 "properties": {"order_id": "ORD-2", "total": 30, "currency": "EUR", "coupon": "SPRING"}}""";

        assertThat(record(mapper, message)).isEqualTo(Map.of("type", "event", "identity", "u1", "evtName", "Charged",
                "evtData", Map.of("Charged ID", "ORD-2", "Amount", 30, "Currency", "EUR", "coupon", "SPRING")));
    }

    @Test
    void trackNamesFollowTheTableAndUnknownNamesPassThrough() throws Exception {
        Map<String, String> expected = Map.of(
                "Products Searched", "Searched",
                "Product Viewed", "Product Viewed",
                "Product Added to Wishlist", "Added to Wishlist",
                "Product Added", "Added to Cart",
                "Checkout Started", "Checkout Started",
                "Order Completed", "Charged",
                "Signed Up", "Signed Up",
                "Logged In", "Logged In",
                "Video Played", "Video Played");
        for (Map.Entry<String, String> name : expected.entrySet()) {
            String message = "{\"type\": \"track\", \"userId\": \"u1\", \"event\": \"" + name.getKey()
                             + "\", \"properties\": {\"query\": \"shoes\"}}";
            Map<String, Object> record = record(mapper, message);
            assertThat(record.get("evtName")).as(name.getKey()).isEqualTo(name.getValue());
        }
        assertThat(record(mapper, "{\"type\": \"track\", \"userId\": \"u1\", \"event\": \"Products Searched\","
                                  + " \"properties\": {\"query\": \"shoes\"}}"))
                .isEqualTo(Map.of("type", "event", "identity", "u1", "evtName", "Searched",
                        "evtData", Map.of("query", "shoes")));
    }

    @Test
    void theEventNameTableCanBeExtendedAndOverridden() throws Exception {
        mapper.setEventNames("{\"Order Refunded\": \"Refunded\", \"Product Added\": \"Cart Add\","
                             + " \"Purchase\": \"Charged\"}");

        assertThat(record(mapper, "{\"type\": \"track\", \"userId\": \"u1\", \"event\": \"Order Refunded\"}"))
                .containsEntry("evtName", "Refunded");
        assertThat(record(mapper, "{\"type\": \"track\", \"userId\": \"u1\", \"event\": \"Product Added\"}"))
                .containsEntry("evtName", "Cart Add");
        assertThat(record(mapper, "{\"type\": \"track\", \"userId\": \"u1\", \"event\": \"Signed Up\"}"))
                .containsEntry("evtName", "Signed Up");
        assertThat(record(mapper, "{\"type\": \"track\", \"userId\": \"u1\", \"event\": \"Purchase\","
                                  + " \"properties\": {\"order_id\": \"O-9\", \"revenue\": 5}}"))
                .containsEntry("evtName", "Charged")
                .containsEntry("evtData", Map.of("Charged ID", "O-9", "Amount", 5));

        SegmentRecordMapper built = SegmentRecordMapper.builder().eventName("Order Refunded", "Refunded").build();
        assertThat(record(built, "{\"type\": \"track\", \"userId\": \"u1\", \"event\": \"order refunded\"}"))
                .containsEntry("evtName", "Refunded");
    }

    @Test
    void identifyBecomesAProfileWithCleverTapsStandardKeys() throws Exception {
        String message = """
                {"type": "identify", "userId": "u-7", "timestamp": "2024-03-01T10:15:30Z",
                 "traits": {"firstName": "Jane", "lastName": "Doe", "email": "jane.doe@example.com",
                            "phone": "+15551234567", "gender": "female", "birthday": "1990-05-17",
                            "plan": "pro", "logins": 12,
                            "address": {"city": "Lisbon", "country": "PT"}, "tags": ["vip", "beta"]}}""";

        assertThat(record(mapper, message)).isEqualTo(Map.of(
                "type", "profile",
                "identity", "u-7",
                "ts", 1709288130L,
                "profileData", Map.of(
                        "Name", "Jane Doe",
                        "Email", "jane.doe@example.com",
                        "Phone", "+15551234567",
                        "Gender", "F",
                        "DOB", "$D_642902400",
                        "plan", "pro",
                        "logins", 12,
                        "address_city", "Lisbon",
                        "address_country", "PT",
                        "tags", Map.of("$set", List.of("vip", "beta")))));
    }

    @Test
    void nameWinsOverFirstAndLastNameAndGenderAcceptsCommonSpellings() throws Exception {
        assertThat(profileData("{\"name\": \"J. Doe\", \"firstName\": \"Jane\"}")).isEqualTo(Map.of("Name", "J. Doe"));
        assertThat(profileData("{\"lastName\": \"Doe\"}")).isEqualTo(Map.of("Name", "Doe"));
        for (String male : List.of("male", "MALE", "m", "M", " Male ")) {
            assertThat(profileData("{\"gender\": \"" + male + "\"}")).as(male).isEqualTo(Map.of("Gender", "M"));
        }
        for (String female : List.of("female", "Female", "f", "F")) {
            assertThat(profileData("{\"gender\": \"" + female + "\"}")).as(female).isEqualTo(Map.of("Gender", "F"));
        }
        assertThat(profileData("{\"gender\": \"non-binary\"}")).isEqualTo(Map.of("gender", "non-binary"));
        assertThat(profileData("{\"birthday\": \"1990-05-17T00:00:00.000Z\"}"))
                .isEqualTo(Map.of("DOB", "$D_642902400"));
        assertThat(profileData("{\"birthday\": \"soon\"}")).as("not a date: a custom property, no longer a failure")
                .isEqualTo(Map.of("birthday", "soon"));
    }

    @Test
    void pageAndScreenBecomeViewedEventsWithTheirName() throws Exception {
        String page = """
                {"type": "page", "userId": "u1", "name": "Pricing", "category": "Docs",
                 "properties": {"path": "/pricing", "url": "https://example.com/pricing", "title": "Pricing"}}""";
        String screen = "{\"type\": \"screen\", \"userId\": \"u1\", \"name\": \"Cart\", \"properties\": {\"items\": 2}}";

        assertThat(record(mapper, page)).isEqualTo(Map.of("type", "event", "identity", "u1",
                "evtName", "Web Page Viewed", "evtData", Map.of("path", "/pricing",
                        "url", "https://example.com/pricing", "title", "Pricing", "name", "Pricing", "category", "Docs")));
        assertThat(record(mapper, screen)).isEqualTo(Map.of("type", "event", "identity", "u1",
                "evtName", "Screen Viewed", "evtData", Map.of("items", 2, "name", "Cart")));
    }

    @Test
    void theIdentifierPathsAreConfigurable() throws Exception {
        mapper.setIdentity("traits.email, context.traits.email");
        mapper.setObjectId("anonymousId");

        assertThat(record(mapper, "{\"type\": \"identify\", \"userId\": \"u1\", \"traits\": {\"email\": \"a@b.co\"}}"))
                .containsEntry("identity", "a@b.co").doesNotContainKey("objectId");
        assertThat(record(mapper, "{\"type\": \"track\", \"event\": \"Logged In\","
                                  + " \"context\": {\"traits\": {\"email\": \"c@d.co\"}}}"))
                .containsEntry("identity", "c@d.co");
        assertThat(record(mapper, "{\"type\": \"page\", \"anonymousId\": \"anon-5\"}"))
                .isEqualTo(Map.of("type", "event", "objectId", "anon-5", "evtName", "Web Page Viewed",
                        "evtData", Map.of()));

        mapper.setIdentity("none");
        assertThat(record(mapper, "{\"type\": \"page\", \"userId\": \"u1\", \"anonymousId\": \"anon-5\"}"))
                .containsEntry("objectId", "anon-5").doesNotContainKey("identity");

        mapper.setIdentity("");
        assertThat(record(mapper, "{\"type\": \"page\", \"userId\": \"u1\", \"anonymousId\": \"anon-5\"}"))
                .as("blank is the preset's: userId").containsEntry("identity", "u1");
    }

    @Test
    void aBatchOrListOfMessagesGivesAListOfRecordsAndSourceIsAdded() throws Exception {
        mapper.setSource("Segment");
        String batch = "{\"batch\": [{\"type\": \"identify\", \"userId\": \"u1\", \"traits\": {\"name\": \"Ann\"}},"
                       + " {\"type\": \"track\", \"userId\": \"u1\", \"event\": \"Signed Up\"}]}";

        Object body = run(mapper, batch).getMessage().getBody();

        assertThat(body).isEqualTo(List.of(
                Map.of("type", "profile", "identity", "u1", "profileData", Map.of("Name", "Ann"), "$source", "Segment"),
                Map.of("type", "event", "identity", "u1", "evtName", "Signed Up", "evtData", Map.of(),
                        "$source", "Segment")));
        assertThat(run(mapper, "[{\"type\": \"page\", \"userId\": \"u2\"}]").getMessage().getBody(List.class))
                .hasSize(1);
    }

    @Test
    void whatCannotBeMappedFailsClearly() {
        assertThatThrownBy(() -> run(mapper, "{\"type\": \"group\", \"userId\": \"u1\", \"groupId\": \"g1\"}"))
                .isInstanceOf(CleverTapMappingException.class)
                .hasMessage("Segment mapping: message type 'group' is not mapped: identify, track, page, screen and alias"
                            + " are");
        assertThatThrownBy(() -> run(mapper, "{\"type\": \"track\", \"anonymousId\": \"a1\", \"event\": \"X\"}"))
                .isInstanceOfSatisfying(CleverTapMappingException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(
                            "Segment mapping: no identifier in the track message: userId gave no value");
                    assertThat(e.getField()).isEqualTo("identity");
                    assertThat(e.getExpression()).isEqualTo("userId");
                });
        assertThatThrownBy(() -> run(mapper, "{\"type\": \"track\", \"userId\": \"u1\"}"))
                .hasMessage("Segment mapping: the track message has no event name");
        assertThatThrownBy(() -> run(mapper, "{\"type\": \"alias\", \"userId\": \"u1\"}"))
                .hasMessage("Segment mapping: the alias message has no previousId");
        assertThatThrownBy(() -> run(mapper, "{\"type\": \"alias\", \"previousId\": \"a1\"}"))
                .hasMessage("Segment mapping: the alias message has no userId");
        assertThatThrownBy(() -> mapper.setEventNames("{\"A\": 1}"))
                .hasMessage("eventNames: the CleverTap name for 'A' must be a non-empty string");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> profileData(String traits) throws Exception {
        return (Map<String, Object>) record(mapper, "{\"type\": \"identify\", \"userId\": \"u1\", \"traits\": "
                                                    + traits + "}").get("profileData");
    }
}
