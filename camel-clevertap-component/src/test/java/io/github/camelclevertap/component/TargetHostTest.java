package io.github.camelclevertap.component;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Only the configuration picks the host: `https://{region}.api.clevertap.com` for a known region, or `baseUri` when
 * it is set. Nothing in a message can send the records (and the passcode) elsewhere.
 */
class TargetHostTest extends CleverTapTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload").to(clevertap("profile", "batchTimeout=10"));
            }
        };
    }

    @ParameterizedTest
    @EnumSource(CleverTapRegion.class)
    void everyRegionIsReachedOverHttpsOnCleverTapsHost(CleverTapRegion region) {
        CleverTapEndpoint endpoint = context.getEndpoint(
                "clevertap:event?region=" + region.id() + "&accountId=A&passcode=P", CleverTapEndpoint.class);

        assertThat(endpoint.getConfiguration().uploadUri())
                .hasToString("https://" + region.id() + ".api.clevertap.com/1/upload");
        assertThat(endpoint.getServiceProtocol()).isEqualTo("https");
    }

    @ParameterizedTest
    @ValueSource(strings = { "EU1", "eu1.attacker.example", "eu1/..", "attacker.example#", " eu1" })
    void anUnknownRegionFailsAtStartNamingTheOptionAndTheAllowedValues(String region) {
        assertThatThrownBy(() -> context.getEndpoint(
                "clevertap:event?region=RAW(" + region + ")&accountId=A&passcode=P"))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Option region must be one of eu1, in1, us1, sg1, aps3, mec1, sk1 but was '" + region + "'");
    }

    @Test
    void plainHttpToAnotherHostIsWarnedAbout() throws Exception {
        Path log = Path.of("target/camel-clevertap-test.log");
        long start = Files.size(log);

        context.getEndpoint("clevertap:event?region=eu1&accountId=A&passcode=P&baseUri=http://proxy.example:8080");
        context.getEndpoint("clevertap:event?region=eu1&accountId=A&passcode=P&baseUri=" + emulator.baseUri());

        byte[] all = Files.readAllBytes(log);
        String written = new String(all, (int) start, all.length - (int) start, StandardCharsets.UTF_8);
        assertThat(written).contains("Option baseUri http://proxy.example:8080 is plain http")
                .doesNotContain("Option baseUri " + emulator.baseUri());
    }
}
