package io.github.camelclevertap.routetemplates;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.github.camelclevertap.component.CleverTapRecordRejectedException;
import io.github.camelclevertap.component.mapping.CleverTapMappingException;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit6.CamelContextConfiguration;
import org.apache.camel.test.junit6.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A YAML route (loaded by the YAML DSL) sends partner payloads through `kamelet:clevertap-record-action` or
 * `kamelet:clevertap-segment-action` and `kamelet:clevertap-sink` to the CleverTap emulator.
 */
class KameletRoutesTest extends CamelTestSupport {

    private static final String ACCOUNT = "ACC-KameletRoutesTest";
    private static final String PASSCODE = "pc-kamelet-SECRET";

    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension(emulator -> emulator.account(ACCOUNT, PASSCODE));

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        Properties properties = new Properties();
        properties.setProperty("clevertap.account-id", ACCOUNT);
        properties.setProperty("clevertap.passcode", PASSCODE);
        properties.setProperty("clevertap.base-uri", EMULATOR.get().baseUri().toString());
        configuration.withUseOverridePropertiesWithPropertiesComponent(properties);
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        return PluginHelper.getRoutesLoader(context)
                .findRoutesBuilders(ResourceHelper.resolveMandatoryResource(context,
                        "classpath:routes/clevertap-kamelet-routes.yaml"))
                .toArray(RoutesBuilder[]::new);
    }

    @Test
    void bolticSignUpIsStoredAsTheDocumentedProfile() {
        Exchange exchange = send("direct:boltic-signup", "{\"payload\": {\"name\": \"John D\", \"user_id\": \"1717\"}}");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader("CamelCleverTapStatus")).isEqualTo("success");
        assertThat(EMULATOR.get().storedRecords()).containsExactly(
                Map.of("identity", "1717", "type", "profile", "profileData", Map.of("Name", "John D")));
    }

    @Test
    void bolticPurchaseIsStoredAsTheDocumentedEvent() {
        send("direct:boltic-purchase", """
                {"payload": {"user_id": "1717", "event_name": "Product Purchased",
                             "properties": {"amount": 499.99, "currency": "USD", "product_id": "98765"}}}""");

        assertThat(EMULATOR.get().storedRecords()).containsExactly(Map.of("type", "event", "objectId", "1717",
                "evtName", "Product Purchased",
                "evtData", Map.of("Product ID", "98765", "Amount", 499.99, "Currency", "USD")));
    }

    @Test
    void talonOneCouponIsStoredWithItsSource() {
        send("direct:talon-one-coupon", "{\"ProfileID\": \"customer-31\", \"CouponCode\": \"NY-2025-XK3\"}");

        assertThat(EMULATOR.get().storedRecords()).containsExactly(Map.of("type", "event", "evtName", "Coupon Generated",
                "$source", "Talon.One", "identity", "customer-31", "evtData", Map.of("CouponCode", "NY-2025-XK3")));
    }

    @Test
    void aMappingGivenByKameletParametersIsApplied() {
        send("direct:inline-mapping", """
                {"user": {"id": "u-42"}, "event name": "Plan Chosen", "at": "2024-03-01T10:15:30Z",
                 "details": {"plan": "pro", "seats": 3, "extra": {"coupon_code": "WELCOME", "trial": true}}}""");

        assertThat(EMULATOR.get().storedRecords()).containsExactly(Map.of("type", "event", "identity", "u-42",
                "ts", 1709288130, "evtName", "Plan Chosen", "$source", "web & app",
                "evtData", Map.of("Coupon", "WELCOME", "trial", true, "Plan", "pro", "Seats", 3)));
    }

    @Test
    void segmentMessagesAreStoredAsProfilesAndEvents() {
        send("direct:segment", """
                {"type": "identify", "userId": "jane.doe@example.com",
                 "traits": {"name": "Jane Doe", "email": "jane.doe@example.com", "gender": "Female"}}""");
        send("direct:segment", """
                {"type": "track", "event": "Order Completed", "userId": "jane.doe@example.com",
                 "timestamp": "2024-03-01T10:15:30.000Z",
                 "properties": {"order_id": "ORD-001", "revenue": 129.99, "currency": "USD",
                                "products": [{"product_id": "P-100", "name": "T-Shirt", "price": 29.99, "quantity": 2}]}}""");
        send("direct:segment", "{\"type\": \"track\", \"event\": \"Order Refunded\", \"userId\": \"jane.doe@example.com\","
                               + " \"properties\": {\"order_id\": \"ORD-001\"}}");

        assertThat(EMULATOR.get().storedRecords()).containsExactly(
                Map.of("type", "profile", "identity", "jane.doe@example.com",
                        "profileData", Map.of("Name", "Jane Doe", "Email", "jane.doe@example.com", "Gender", "F")),
                Map.of("type", "event", "identity", "jane.doe@example.com", "ts", 1709288130, "evtName", "Charged",
                        "evtData", Map.of("Charged ID", "ORD-001", "Amount", 129.99, "Currency", "USD",
                                "Items", List.of(Map.of("product_id", "P-100", "name", "T-Shirt", "price", 29.99,
                                        "quantity", 2)))),
                Map.of("type", "event", "identity", "jane.doe@example.com", "evtName", "Refunded",
                        "evtData", Map.of("order_id", "ORD-001")));
    }

    @Test
    void rudderStackPresetStoresSdkShapedMessagesAsRudderStackShapesThem() {
        send("direct:segment-rudderstack", """
                {"type": "identify", "anonymousId": "anon-7",
                 "context": {"traits": {"email": "ann@example.com", "firstName": "Ann", "lastName": "Lee",
                                        "married": true, "phone": "92374162212", "ts": 1468308340}}}""");
        send("direct:segment-rudderstack", """
                {"type": "page", "anonymousId": "anon-7", "name": "Pricing", "properties": {"path": "/pricing"},
                 "timestamp": "2024-03-01T10:15:30.000Z"}""");

        assertThat(EMULATOR.get().storedRecords()).containsExactly(
                Map.of("type", "profile", "identity", "anon-7", "ts", 1468308340,
                        "profileData", Map.of("Email", "ann@example.com", "Name", "Ann Lee", "Married", "Y",
                                "phone", "92374162212")),
                Map.of("type", "event", "identity", "anon-7", "ts", 1709288130, "evtName", "Web Page Viewed: Pricing",
                        "evtData", Map.of("path", "/pricing")));
    }

    @Test
    void aRecordCleverTapRejectsFailsTheCallingRoute() {
        Exchange exchange = send("direct:pipedream-profile",
                "{\"Identity\": \"u-9\", \"Name\": \"Bad Mail\", \"Email\": \"not-an-email\"}");

        assertThat(exchange.getException()).isInstanceOfSatisfying(CleverTapRecordRejectedException.class, e -> {
            assertThat(e.getCode()).isEqualTo(515);
            assertThat(e.getRecord()).isEqualTo(Map.of("type", "profile", "identity", "u-9",
                    "profileData", Map.of("Name", "Bad Mail", "Email", "not-an-email")));
        });
        assertThat(EMULATOR.get().storedRecords()).isEmpty();
    }

    @Test
    void aPayloadWithoutIdentifierFailsTheCallingRouteBeforeAnyUpload() {
        Exchange exchange = send("direct:boltic-signup", "{\"payload\": {\"name\": \"John D\"}}");

        assertThat(exchange.getException()).isInstanceOfSatisfying(CleverTapMappingException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("CleverTap mapping 'boltic-signup': no identifier for the record:"
                                                 + " identity expression '$.payload.user_id' (jsonpath) gave no value");
            assertThat(e.getField()).isEqualTo("identity");
        });
        assertThat(EMULATOR.get().requests()).isEmpty();
    }

    private Exchange send(String uri, String json) {
        return template.send(uri, exchange -> exchange.getMessage().setBody(json));
    }
}
