package io.github.camelclevertap.component;

import java.util.Map;

import io.github.camelclevertap.component.mapping.CleverTapMappingException;
import io.github.camelclevertap.component.mapping.CleverTapRecordMapper;
import io.github.camelclevertap.component.mapping.SegmentRecordMapper;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mapping step in front of the producer: what the mapper builds is what CleverTap stores.
 */
class MappingUploadTest extends CleverTapTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:boltic-signup")
                        .process(CleverTapRecordMapper.preset("boltic-signup"))
                        .to(clevertap("profile", "batchTimeout=10"));
                from("direct:signup")
                        .process(CleverTapRecordMapper.builder()
                                .event()
                                .identity("$.user.id")
                                .eventName("Signed Up")
                                .timestamp("$.at")
                                .property("Plan", "$.plan")
                                .build())
                        .to(clevertap("event", "batchTimeout=10"));
                from("direct:segment")
                        .process(new SegmentRecordMapper())
                        .to(clevertap("event", "batchTimeout=10&allowMixedTypes=true"));
            }
        };
    }

    @Test
    void aMappedWebhookPayloadIsStoredAsTheDocumentedRecord() {
        template.sendBody("direct:boltic-signup", "{\"payload\": {\"name\": \"John D\", \"user_id\": \"1717\"}}");

        assertThat(emulator.storedRecords()).containsExactly(
                Map.of("identity", "1717", "type", "profile", "profileData", Map.of("Name", "John D")));
    }

    @Test
    void theJavaBuilderMapsAnEvent() {
        template.sendBody("direct:signup", "{\"user\": {\"id\": \"u-1\"}, \"at\": 1709288130000, \"plan\": \"pro\"}");

        assertThat(emulator.storedRecords()).containsExactly(Map.of("type", "event", "identity", "u-1",
                "ts", 1709288130, "evtName", "Signed Up", "evtData", Map.of("Plan", "pro")));
    }

    @Test
    void aSegmentBatchIsUploadedAsOneMultiRecordExchange() {
        Exchange exchange = template.send("direct:segment", e -> e.getMessage().setBody(
                "{\"batch\": [{\"type\": \"identify\", \"userId\": \"u1\", \"traits\": {\"email\": \"u1@example.com\"}},"
                + " {\"type\": \"track\", \"userId\": \"u1\", \"event\": \"Product Added\","
                + " \"properties\": {\"sku\": \"A-1\"}}]}"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(CleverTapConstants.PROCESSED)).isEqualTo(2);
        assertThat(emulator.storedRecords()).containsExactly(
                Map.of("type", "profile", "identity", "u1", "profileData", Map.of("Email", "u1@example.com")),
                Map.of("type", "event", "identity", "u1", "evtName", "Added to Cart", "evtData", Map.of("sku", "A-1")));
    }

    @Test
    void aPayloadThatCannotBeMappedFailsTheExchangeAndSendsNothing() {
        Exchange exchange = template.send("direct:boltic-signup",
                e -> e.getMessage().setBody("{\"payload\": {\"name\": \"No Id\"}}"));

        assertThat(exchange.getException()).isInstanceOf(CleverTapMappingException.class)
                .hasMessageContaining("identity expression '$.payload.user_id' (jsonpath) gave no value");
        assertThat(emulator.requests()).isEmpty();
    }
}
