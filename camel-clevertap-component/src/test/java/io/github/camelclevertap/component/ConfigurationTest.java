package io.github.camelclevertap.component;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigurationTest extends CleverTapTestSupport {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "clevertap:user?region=eu1&accountId=A&passcode=P | Path type must be one of profile, event but was 'user'",
            "clevertap:event?region=eu2&accountId=A&passcode=P | Option region must be one of eu1, in1, us1, sg1, aps3, mec1, sk1 but was 'eu2'",
            "clevertap:event?accountId=A&passcode=P | Option region is required; one of eu1, in1, us1, sg1, aps3, mec1, sk1",
            "clevertap:event?region=eu1&passcode=P | Option accountId is required",
            "clevertap:event?region=eu1&accountId=A&passcodeEnvVar=CLEVERTAP_TEST_UNSET | Option passcode is required: it is not set, and the environment variable CLEVERTAP_TEST_UNSET named by option passcodeEnvVar is not set",
            "clevertap:event?region=eu1&accountId=A&passcodeFile=target/no-such-passcode | Option passcodeFile: cannot read target/no-such-passcode (NoSuchFileException)",
            "clevertap:event?region=eu1&accountId=A&passcode=P&batchSize=1001 | Option batchSize must be between 1 and 1000 but was 1001",
            "clevertap:event?region=eu1&accountId=A&passcode=P&batchSize=0 | Option batchSize must be between 1 and 1000 but was 0",
            "clevertap:event?region=eu1&accountId=A&passcode=P&maxConcurrentRequests=16 | Option maxConcurrentRequests must be between 1 and 15 but was 16",
            "clevertap:event?region=eu1&accountId=A&passcode=P&batchTimeout=0 | Option batchTimeout must be at least 1 but was 0",
            "clevertap:event?region=eu1&accountId=A&passcode=P&baseUri=ftp://host | Option baseUri must be an absolute http or https URI but was 'ftp://host'",
            "clevertap:event?region=eu1&accountId=A&passcode=P&maxEventProperties=0 | Option maxEventProperties must be at least 1 but was 0",
            "clevertap:event?region=eu1&accountId=A&passcode=P&nestedEventData=drop | Option nestedEventData must be one of reject, flatten, stringify but was 'drop'",
    })
    void invalidOptionsFailAtStartNamingTheOptionAndTheRule(String uri, String message) {
        assertThatThrownBy(() -> context.getEndpoint(uri))
                .rootCause().isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void everyOptionCanBeSetOnTheComponent() throws Exception {
        CleverTapComponent component = context.getComponent("clevertap", CleverTapComponent.class);
        // the same binding Camel Main, Quarkus and Spring Boot use for camel.component.clevertap.*
        PropertyBindingSupport.build().withCamelContext(context).withTarget(component)
                .withConfigurer(component.getComponentPropertyConfigurer()).withProperties(new java.util.HashMap<>(Map.of(
                "region", "us1", "accountId", accountId, "passcode", PASSCODE, "baseUri",
                emulator.baseUri().toString(), "batchTimeout", "10", "dryRun", "true"))).bind();

        Exchange exchange = template.send("clevertap:event",
                e -> e.getMessage().setBody(event("1", "Clicked", Map.of("Button", "Buy"))));

        assertThat(exchange.getException()).isNull();
        assertThat(emulator.requests()).singleElement().satisfies(r -> assertThat(r.query()).isEqualTo("dryRun=1"));
        CleverTapEndpoint endpoint = context.getEndpoint("clevertap:event", CleverTapEndpoint.class);
        assertThat(endpoint.getConfiguration().getRegion()).isEqualTo("us1");
    }

    @Test
    void endpointOptionsOverrideTheComponent() {
        context.getComponent("clevertap", CleverTapComponent.class).getConfiguration().setBatchSize(10);

        CleverTapEndpoint endpoint = context.getEndpoint(
                "clevertap:profile?region=eu1&accountId=A&passcode=P&batchSize=20", CleverTapEndpoint.class);
        CleverTapEndpoint inherits = context.getEndpoint(
                "clevertap:profile?region=eu1&accountId=A&passcode=Q", CleverTapEndpoint.class);

        assertThat(endpoint.getConfiguration().getBatchSize()).isEqualTo(20);
        assertThat(inherits.getConfiguration().getBatchSize()).isEqualTo(10);
    }

    @Test
    void anEndpointStoppedWithoutHavingStartedStopsQuietly() throws Exception {
        // Camel stops every service of a context whose start failed, also endpoints that never started
        CleverTapEndpoint endpoint = (CleverTapEndpoint) context.getComponent("clevertap")
                .createEndpoint(clevertap("event", "batchTimeout=10"));
        endpoint.init();

        assertThatCode(endpoint::stop).doesNotThrowAnyException();
        assertThat(endpoint.isStopped()).isTrue();
    }
}
