package io.github.camelclevertap.component;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.camelclevertap.emulator.RecordedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class UploadRequestTest extends CleverTapTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:profile").to(clevertap("profile", "batchTimeout=10"));
                from("direct:event").to(clevertap("event", "batchTimeout=10"));
                from("direct:dryRun").to(clevertap("profile", "batchTimeout=10&dryRun=true"));
            }
        };
    }

    @Test
    void postsTheRecordWithCleverTapHeadersAndBody() {
        Map<String, Object> profileData = new LinkedHashMap<>();
        profileData.put("Name", "Jane Doe");
        profileData.put("Email", "jane@example.com");
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", "profile");
        record.put("identity", "1717");
        record.put("profileData", profileData);

        Exchange exchange = template.send("direct:profile", e -> e.getMessage().setBody(record));

        assertThat(exchange.getException()).isNull();
        RecordedRequest request = emulator.requests().get(0);
        assertThat(request.body()).isEqualTo(
                "{\"d\":[{\"type\":\"profile\",\"identity\":\"1717\","
                                             + "\"profileData\":{\"Name\":\"Jane Doe\",\"Email\":\"jane@example.com\"}}]}");
        assertThat(request.headers().get("X-CleverTap-Account-Id")).containsExactly(accountId);
        assertThat(request.headers().get("Content-Type")).containsExactly("application/json; charset=utf-8");
        assertThat(request.query()).isNull();
        assertThat(request.status()).as("the emulator took the passcode").isEqualTo(200);
        assertThat(exchange.getMessage().getHeaders())
                .containsEntry(CleverTapConstants.STATUS, "success")
                .containsEntry(CleverTapConstants.PROCESSED, 1)
                .containsEntry(CleverTapConstants.UNPROCESSED, 0);
    }

    @Test
    void wrapsPropertiesWithIdentifierEventNameAndTimestampFromHeaders() {
        template.sendBodyAndHeaders("direct:event", "{\"Amount\": 499.99, \"Currency\": \"USD\"}",
                Map.of(CleverTapConstants.IDENTITY, "1717",
                        CleverTapConstants.EVENT_NAME, "Product Purchased",
                        CleverTapConstants.TIMESTAMP, java.time.Instant.ofEpochSecond(1_700_000_000L)));

        assertThat(emulator.requests().get(0).body()).isEqualTo(
                "{\"d\":[{\"type\":\"event\",\"evtData\":{\"Amount\":499.99,\"Currency\":\"USD\"},"
                                                                 + "\"identity\":\"1717\",\"evtName\":\"Product Purchased\",\"ts\":1700000000}]}");
        assertThat(emulator.storedRecords()).hasSize(1);
    }

    @Test
    void objectIdHeaderIdentifiesTheUserWhenNoIdentityIsGiven() {
        template.sendBodyAndHeader("direct:profile", Map.of("Name", "John D"), CleverTapConstants.OBJECT_ID,
                "__g1234");

        assertThat(emulator.storedRecords()).singleElement()
                .isEqualTo(Map.of("type", "profile", "objectId", "__g1234", "profileData", Map.of("Name", "John D")));
    }

    @Test
    void dryRunAsksCleverTapToValidateWithoutStoring() {
        Exchange exchange = template.send("direct:dryRun",
                e -> e.getMessage().setBody(profile("1", Map.of("Name", "Dry"))));

        assertThat(exchange.getException()).isNull();
        assertThat(emulator.requests().get(0).query()).isEqualTo("dryRun=1");
        assertThat(emulator.storedRecordCount()).isZero();
    }

    @ParameterizedTest
    @EnumSource(CleverTapRegion.class)
    void regionPicksTheCleverTapHost(CleverTapRegion region) {
        CleverTapEndpoint endpoint = context.getEndpoint(
                "clevertap:event?region=" + region.id() + "&accountId=A&passcode=P", CleverTapEndpoint.class);

        assertThat(endpoint.getConfiguration().uploadUri())
                .hasToString("https://" + region.id() + ".api.clevertap.com/1/upload");
        assertThat(endpoint.getServiceUrl()).isEqualTo("https://" + region.id() + ".api.clevertap.com");
        assertThat(endpoint.getServiceProtocol()).isEqualTo("https");
    }

    @Test
    void theServiceUrlLeavesOutTheCredentialsOfAProxyUri() {
        CleverTapEndpoint endpoint = context.getEndpoint("clevertap:event?region=eu1&accountId=A&passcode=P"
                                                         + "&baseUri=RAW(http://user:proxy-secret@127.0.0.1:8081)",
                CleverTapEndpoint.class);

        // shown in health details and logs
        assertThat(endpoint.getServiceUrl()).isEqualTo("http://127.0.0.1:8081");
    }
}
