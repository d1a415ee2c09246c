package io.github.camelclevertap.component.mapping;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordMapperTest extends MappingTestSupport {

    private static final String SIGNUP = """
            {"user": {"id": "u-42", "email": "ada@example.com", "name": "Ada"},
             "event": "Signed Up", "at": "2024-03-01T10:15:30Z",
             "details": {"plan": "pro", "seats": 3, "coupon_code": "WELCOME"}}""";

    @Test
    void buildsAnEventFromJsonPathExpressionsAndConstants() throws Exception {
        CleverTapRecordMapper mapper = CleverTapRecordMapper.builder()
                .event()
                .identity("$.user.id")
                .eventName("$.event")
                .timestamp("$.at")
                .property("Plan", "$.details.plan")
                .property("Seats", "$.details.seats")
                .source("webshop")
                .build();

        assertThat(record(mapper, SIGNUP)).isEqualTo(Map.of(
                "type", "event",
                "identity", "u-42",
                "ts", 1709288130L,
                "evtName", "Signed Up",
                "evtData", Map.of("Plan", "pro", "Seats", 3),
                "$source", "webshop"));
    }

    @Test
    void anEventNameWithoutDollarOrLeadingDotIsTheNameItself() throws Exception {
        CleverTapRecordMapper mapper = CleverTapRecordMapper.builder()
                .event().identity("$.user.id").eventName("Plan Chosen").build();

        assertThat(record(mapper, SIGNUP)).containsEntry("evtName", "Plan Chosen");
        assertThat(CompiledMapping.isExpression("$.event")).isTrue();
        assertThat(CompiledMapping.isExpression("${header.event}")).isTrue();
        assertThat(CompiledMapping.isExpression(".event")).isTrue();
        assertThat(CompiledMapping.isExpression("Product Viewed")).isFalse();
    }

    @Test
    void propertiesFromCopiesAnObjectWithRenamesAndPropertiesComeOnTop() throws Exception {
        CleverTapRecordMapper mapper = new CleverTapRecordMapper();
        mapper.setType("profile");
        mapper.setIdentity("$.user.email");
        mapper.setPropertiesFrom("$.details");
        mapper.setRenames("{\"coupon_code\": \"Coupon\", \"seats\": \"Seats\"}");
        mapper.setProperties("{\"Name\": \"$.user.name\", \"Seats\": \"$.details.plan\"}");

        assertThat(record(mapper, SIGNUP)).isEqualTo(Map.of(
                "type", "profile",
                "identity", "ada@example.com",
                "profileData", Map.of("plan", "pro", "Seats", "pro", "Coupon", "WELCOME", "Name", "Ada")));
    }

    @Test
    void aPropertyWhoseExpressionGivesNothingIsLeftOut() throws Exception {
        CleverTapRecordMapper mapper = CleverTapRecordMapper.builder()
                .profile().identity("$.user.id").property("Name", "$.user.name").property("Phone", "$.user.phone")
                .build();

        assertThat(record(mapper, SIGNUP))
                .isEqualTo(Map.of("type", "profile", "identity", "u-42", "profileData", Map.of("Name", "Ada")));
    }

    @Test
    void objectIdIsUsedWhenIdentityGivesNoValue() throws Exception {
        CleverTapRecordMapper mapper = CleverTapRecordMapper.builder()
                .profile().identity("$.userId").objectId("$.anonymousId").build();

        assertThat(record(mapper, "{\"anonymousId\": \"__g7f3a\"}"))
                .isEqualTo(Map.of("type", "profile", "objectId", "__g7f3a", "profileData", Map.of()));
        assertThat(record(mapper, "{\"userId\": 1717, \"anonymousId\": \"__g7f3a\"}"))
                .isEqualTo(Map.of("type", "profile", "identity", "1717", "profileData", Map.of()));
    }

    @Test
    void aMissingIdentifierFailsNamingTheFieldAndTheExpressions() {
        CleverTapRecordMapper mapper = CleverTapRecordMapper.builder()
                .event().identity("$.user.uid").objectId("$.user.guid").eventName("Signed Up").build();

        assertThatThrownBy(() -> run(mapper, SIGNUP))
                .isInstanceOfSatisfying(CleverTapMappingException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("CleverTap mapping: no identifier for the record:"
                                                         + " identity expression '$.user.uid' and objectId expression"
                                                         + " '$.user.guid' (jsonpath) gave no value");
                    assertThat(e.getField()).isEqualTo("identity");
                    assertThat(e.getExpression()).isEqualTo("$.user.uid");
                    assertThat(e.getLanguage()).isEqualTo("jsonpath");
                });
    }

    @Test
    void aFailedMappingLeavesThePayloadAsItCameForTheErrorHandler() {
        CleverTapRecordMapper mapper = CleverTapRecordMapper.builder().profile().identity("$.user.uid").build();
        mapper.setCamelContext(context);
        org.apache.camel.Exchange exchange = new org.apache.camel.support.DefaultExchange(context);
        exchange.getMessage().setBody(SIGNUP);

        assertThatThrownBy(() -> mapper.process(exchange)).isInstanceOf(CleverTapMappingException.class);
        assertThat(exchange.getMessage().getBody()).isSameAs(SIGNUP);
    }

    @Test
    void aMissingEventNameFailsNamingTheFieldAndTheExpression() {
        CleverTapRecordMapper mapper = CleverTapRecordMapper.preset("boltic-purchase");

        assertThatThrownBy(() -> run(mapper, "{\"payload\": {\"user_id\": \"1717\"}}"))
                .isInstanceOfSatisfying(CleverTapMappingException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("CleverTap mapping 'boltic-purchase': evtName expression"
                                                         + " '$.payload.event_name' (jsonpath) gave no value: an"
                                                         + " event needs a name");
                    assertThat(e.getField()).isEqualTo("evtName");
                    assertThat(e.getExpression()).isEqualTo("$.payload.event_name");
                });
    }

    @Test
    void aTimestampThatIsNotATimeFailsNamingTs() {
        CleverTapRecordMapper mapper = CleverTapRecordMapper.builder()
                .profile().identity("$.user.id").timestamp("$.user.name").build();

        assertThatThrownBy(() -> run(mapper, SIGNUP))
                .isInstanceOf(CleverTapMappingException.class)
                .hasMessageStartingWith("CleverTap mapping: ts expression '$.user.name' (jsonpath) gave a value that"
                                        + " is not a time");
    }

    @Test
    void aStreamBodyIsReadOnceForAllExpressions() throws Exception {
        CleverTapRecordMapper mapper = CleverTapRecordMapper.builder()
                .profile().identity("$.user.id").property("Name", "$.user.name").property("Email", "$.user.email")
                .build();

        Map<String, Object> record = record(mapper, new ByteArrayInputStream(SIGNUP.getBytes(StandardCharsets.UTF_8)));

        assertThat(record).isEqualTo(Map.of("type", "profile", "identity", "u-42",
                "profileData", Map.of("Name", "Ada", "Email", "ada@example.com")));
    }

    @Test
    void theSimpleLanguageReadsThePayloadAsAMapAndTheHeaders() throws Exception {
        CleverTapRecordMapper mapper = CleverTapRecordMapper.builder()
                .language("simple")
                .event()
                .identity("${body[user][id]}")
                .eventName("${header.EventName}")
                .property("Plan", "${body[details][plan]}")
                .property("Missing", "${body[details][nothing]}")
                .build();
        mapper.setCamelContext(context);
        org.apache.camel.Exchange exchange = new org.apache.camel.support.DefaultExchange(context);
        exchange.getMessage().setHeader("EventName", "Plan Chosen");
        exchange.getMessage().setBody(SIGNUP);

        mapper.process(exchange);

        assertThat(exchange.getMessage().getBody()).isEqualTo(Map.of("type", "event", "identity", "u-42",
                "evtName", "Plan Chosen", "evtData", Map.of("Plan", "pro")));
    }

    @Test
    void theJqLanguageWorksToo() throws Exception {
        CleverTapRecordMapper mapper = CleverTapRecordMapper.builder()
                .language("jq")
                .event()
                .identity(".user.id")
                .eventName(".event")
                .timestamp(".at")
                .property("Seats", ".details.seats")
                .property("Missing", ".details.nothing")
                .propertiesFrom(".user | {email}")
                .build();

        assertThat(record(mapper, SIGNUP)).isEqualTo(Map.of("type", "event", "identity", "u-42", "ts", 1709288130L,
                "evtName", "Signed Up", "evtData", Map.of("email", "ada@example.com", "Seats", 3)));
    }

    @Test
    void nestedValuesAreKeptAsTheyAre() throws Exception {
        CleverTapRecordMapper mapper = CleverTapRecordMapper.builder()
                .event().identity("$.id").eventName("Charged").property("Items", "$.items").build();

        assertThat(record(mapper, "{\"id\": \"7\", \"items\": [{\"sku\": \"A\"}, {\"sku\": \"B\"}]}"))
                .containsEntry("evtData", Map.of("Items", List.of(Map.of("sku", "A"), Map.of("sku", "B"))));
    }

    @Test
    void aBodyThatIsNotJsonFailsClearly() {
        CleverTapRecordMapper mapper = CleverTapRecordMapper.builder().profile().identity("$.id").build();

        assertThatThrownBy(() -> run(mapper, "name=Ada"))
                .isInstanceOfSatisfying(CleverTapMappingException.class, e -> {
                    assertThat(e.getMessage()).startsWith("The message body is not JSON");
                    assertThat(e.getField()).isEqualTo("body");
                });
    }

    @Test
    void aWrongConfigurationFailsWhenTheMapperStarts() {
        assertThatThrownBy(() -> start(new CleverTapRecordMapper()))
                .hasMessage("CleverTap mapping: type must be profile or event, got none");
        assertThatThrownBy(() -> start(CleverTapRecordMapper.builder().type("user").identity("$.id").build()))
                .hasMessage("CleverTap mapping: type must be profile or event, got 'user'");
        assertThatThrownBy(() -> start(CleverTapRecordMapper.builder().event().build()))
                .hasMessage("CleverTap mapping: set identity or objectId, the expression giving the user's identifier");
        assertThatThrownBy(() -> start(CleverTapRecordMapper.builder().event().identity("$.id").build()))
                .hasMessage("CleverTap mapping: an event needs eventName (a name, or an expression such as $.event)");
        assertThatThrownBy(() -> start(CleverTapRecordMapper.builder().profile().identity("$.id").eventName("X")
                .build()))
                .hasMessage("CleverTap mapping: eventName is set but the type is profile; set type=event");
        assertThatThrownBy(() -> start(CleverTapRecordMapper.builder().profile().identity("x").language("nosuch")
                .build()))
                .hasMessage("The mapping language 'nosuch' is not on the class path: add org.apache.camel:camel-nosuch"
                            + " (org.apache.camel.quarkus:camel-quarkus-nosuch on Quarkus)");
    }

    @Test
    void anInvalidExpressionFailsNamingItsField() {
        CleverTapRecordMapper mapper = CleverTapRecordMapper.builder().profile().identity("$.user name").build();

        assertThatThrownBy(() -> run(mapper, SIGNUP))
                .isInstanceOfSatisfying(CleverTapMappingException.class, e -> {
                    assertThat(e.getMessage()).startsWith("CleverTap mapping: identity expression '$.user name'"
                                                          + " (jsonpath) failed: ");
                    assertThat(e.getField()).isEqualTo("identity");
                });
    }

    @Test
    void aWrongConfigurationFailsWhenTheRouteStarts() {
        CleverTapRecordMapper mapper = CleverTapRecordMapper.builder().profile().identity("$.id").eventName("X")
                .build();

        assertThatThrownBy(() -> context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:misconfigured").process(mapper);
            }
        })).hasRootCauseMessage("CleverTap mapping: eventName is set but the type is profile; set type=event");
    }

    @Test
    void jsonOptionsMustBeObjectsOfStrings() {
        CleverTapRecordMapper mapper = new CleverTapRecordMapper();

        assertThatThrownBy(() -> mapper.setProperties("[\"Name\"]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("properties must be a JSON object of strings");
        assertThatThrownBy(() -> mapper.setRenames("{\"a\": 1}"))
                .hasMessage("renames: the value of 'a' must be a string, got 1");
    }

    @Test
    void blankOptionsCountAsUnset() {
        CleverTapRecordMapper mapper = new CleverTapRecordMapper();
        mapper.setIdentity("  ");
        mapper.setProperties("");

        assertThat(mapper.getIdentity()).isNull();
        assertThat(mapper.getProperties()).isEmpty();
    }

    private void start(CleverTapRecordMapper mapper) {
        mapper.setCamelContext(context);
        mapper.start();
    }
}
