package io.github.camelclevertap.component;

import java.time.Instant;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The component against CleverTap itself, as camel-splunk-hec's {@code SplunkHECITManualTest} does for Splunk: for a
 * user with an account to see it work, never run by the build (its name matches no surefire pattern, and it needs
 * {@code CLEVERTAP_ACCOUNT_ID} and {@code CLEVERTAP_PASSCODE}; {@code CLEVERTAP_REGION} defaults to eu1). Everything
 * goes with {@code dryRun=1}, so CleverTap validates and stores nothing. Run it with
 * {@code ./mvnw -B -pl camel-clevertap-component -am verify -Dtest=CleverTapDryRunManualIT
 * -Dsurefire.failIfNoSpecifiedTests=false}. The passcode is read by the component from {@code CLEVERTAP_PASSCODE}
 * itself, so it is in no URI, property or line of output.
 */
@EnabledIfEnvironmentVariable(named = "CLEVERTAP_ACCOUNT_ID", matches = ".+")
@EnabledIfEnvironmentVariable(named = "CLEVERTAP_PASSCODE", matches = ".+")
class CleverTapDryRunManualIT {

    @Test
    void credentialsAndRegionAreAcceptedAndAProfileAndAnEventValidate() throws Exception {
        String region = System.getenv().getOrDefault("CLEVERTAP_REGION", "eu1");
        CleverTapComponent clevertap = new CleverTapComponent();
        clevertap.getConfiguration().setRegion(region);
        clevertap.getConfiguration().setAccountId(System.getenv("CLEVERTAP_ACCOUNT_ID"));
        // an empty dry-run upload at start: a wrong passcode or region fails camel.start() with the region hint
        clevertap.getConfiguration().setVerifyCredentials(true);
        clevertap.getConfiguration().setDryRun(true);
        clevertap.getConfiguration().setAllowMixedTypes(true);

        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("clevertap", clevertap);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:upload").to("clevertap:profile?batchTimeout=100");
                }
            });
            camel.start();
            ProducerTemplate producer = camel.createProducerTemplate();

            long now = Instant.now().getEpochSecond();
            Exchange profile = producer.send("direct:upload", e -> e.getMessage().setBody(Map.of(
                    "type", "profile", "identity", "camel-clevertap-dry-run", "ts", now,
                    "profileData", Map.of("Name", "Camel CleverTap dry run", "Customer Type", "Test"))));
            Exchange event = producer.send("direct:upload", e -> e.getMessage().setBody(Map.of(
                    "type", "event", "identity", "camel-clevertap-dry-run", "ts", now,
                    "evtName", "Camel CleverTap Dry Run", "evtData", Map.of("Source", "CleverTapDryRunManualIT"))));

            for (Exchange exchange : new Exchange[] { profile, event }) {
                assertThat(exchange.getException()).as("CleverTap's answer in region " + region).isNull();
                assertThat(exchange.getMessage().getHeader(CleverTapConstants.STATUS, String.class))
                        .isEqualTo("success");
            }
            System.out.println("CleverTap (" + region + ") accepted the credentials and validated one profile and one"
                               + " event with dryRun=1: nothing was stored");
        }
    }
}
