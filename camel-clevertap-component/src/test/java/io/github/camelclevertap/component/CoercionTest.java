package io.github.camelclevertap.component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Java values reach CleverTap in CleverTap's forms: timestamps as epoch seconds, dates as `$D_`, collections in profiles
 * as `$set`, nested event data flattened or stringified as configured.
 */
class CoercionTest extends CleverTapTestSupport {

    /** 2024-03-01T08:15:30Z */
    private static final long SECONDS = 1_709_280_930L;
    /** 2024-03-01T00:00:00Z */
    private static final long MIDNIGHT = 1_709_251_200L;

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:flatten").to(clevertap("event", "batchTimeout=10&nestedEventData=flatten"));
                from("direct:stringify").to(clevertap("event", "batchTimeout=10&nestedEventData=stringify"));
                from("direct:profile").to(clevertap("profile", "batchTimeout=10"));
            }
        };
    }

    @Test
    void propertiesWithJavaValuesAndHeadersBecomeACleverTapEvent() {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("City", "Sofia");
        address.put("Zip", "1000");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("Amount", 499.99);
        properties.put("Delivery", LocalDate.of(2024, 3, 1));
        properties.put("Address", address);

        Exchange exchange = template.send("direct:flatten", e -> {
            e.getMessage().setBody(properties);
            e.getMessage().setHeader(CleverTapConstants.IDENTITY, "1717");
            e.getMessage().setHeader(CleverTapConstants.EVENT_NAME, "Product Purchased");
            e.getMessage().setHeader(CleverTapConstants.TIMESTAMP, SECONDS * 1000 + 250); // epoch milliseconds
        });

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(CleverTapConstants.STATUS)).isEqualTo("success");
        assertThat(emulator.requests()).singleElement().extracting(r -> r.body()).isEqualTo(
                "{\"d\":[{\"type\":\"event\",\"evtData\":{\"Amount\":499.99,\"Delivery\":\"$D_" + MIDNIGHT + "\","
                + "\"Address_City\":\"Sofia\",\"Address_Zip\":\"1000\"},"
                + "\"identity\":\"1717\",\"evtName\":\"Product Purchased\",\"ts\":" + SECONDS + "}]}");
        assertThat(properties.get("Address")).as("the body is not changed").isSameAs(address);
    }

    @Test
    void nestedEventDataCanBeSentAsJsonText() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", "event");
        record.put("identity", "1717");
        record.put("ts", "2024-03-01T10:15:30+02:00");
        record.put("evtName", "Searched");
        record.put("evtData", Map.of("Filters", List.of("red", "42")));

        template.sendBody("direct:stringify", record);

        assertThat(emulator.requests()).singleElement().extracting(r -> r.body()).isEqualTo(
                "{\"d\":[{\"type\":\"event\",\"identity\":\"1717\",\"ts\":" + SECONDS + ",\"evtName\":\"Searched\","
                + "\"evtData\":{\"Filters\":\"[\\\"red\\\",\\\"42\\\"]\"}}]}");
        assertThat(emulator.storedRecords()).hasSize(1);
    }

    @Test
    void aCollectionInAProfileReplacesTheMultiValueProperty() {
        Map<String, Object> profileData = new LinkedHashMap<>();
        profileData.put("Interests", List.of("running", "chess"));
        profileData.put("Signed Up", Instant.ofEpochSecond(SECONDS));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", "profile");
        record.put("identity", "1717");
        record.put("ts", OffsetDateTime.of(2024, 3, 1, 8, 15, 30, 0, ZoneOffset.UTC));
        record.put("profileData", profileData);

        template.sendBody("direct:profile", record);

        assertThat(emulator.requests()).singleElement().extracting(r -> r.body()).isEqualTo(
                "{\"d\":[{\"type\":\"profile\",\"identity\":\"1717\",\"ts\":" + SECONDS + ",\"profileData\":{"
                + "\"Interests\":{\"$set\":[\"running\",\"chess\"]},\"Signed Up\":\"$D_" + SECONDS + "\"}}]}");
        assertThat(emulator.storedRecords()).hasSize(1);
    }
}
