package io.github.camelclevertap.component;

import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the metadata the build generates for Camel tooling (catalog, IDEs, Kamelet and JBang validation).
 */
class ComponentMetadataTest {

    private static final String[] OPTIONS = {
            "region", "accountId", "passcode", "passcodeEnvVar", "passcodeFile", "baseUri", "batchSize", "batchTimeout", "maxConcurrentRequests",
            "dryRun", "allowMixedTypes", "validate", "maxEventProperties", "nestedEventData", "maxRetries", "retryDelay",
            "maxRetryDelay", "connectTimeout", "requestTimeout", "shutdownTimeout", "verifyCredentials" };
    /** Options every Camel producer endpoint has, which the component inherits rather than declares. */
    private static final Set<String> CAMEL_STANDARD = Set.of("type", "lazyStartProducer");

    private static JsonNode metadata() throws Exception {
        try (InputStream in = CleverTapComponent.class
                .getResourceAsStream("/META-INF/io/github/camelclevertap/component/clevertap.json")) {
            assertThat(in).as("generated component JSON on the class path").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void everyOptionIsListedWithADescriptionOnEndpointAndComponent() throws Exception {
        JsonNode json = metadata();
        for (String section : new String[] { "properties", "componentProperties" }) {
            for (String option : OPTIONS) {
                assertThat(json.path(section).path(option).path("description").asText())
                        .as(section + "." + option).isNotBlank();
            }
            json.path(section).forEach(
                    option -> assertThat(option.path("description").asText()).as(option.toString()).isNotBlank());
        }
        Set<String> declared = new TreeSet<>();
        json.path("properties").fieldNames().forEachRemaining(declared::add);
        declared.removeAll(CAMEL_STANDARD);
        assertThat(declared).as("the endpoint options, so this list cannot fall behind").containsExactlyInAnyOrder(OPTIONS);
        assertThat(json.path("properties").path("type").path("kind").asText()).isEqualTo("path");
        assertThat(json.path("properties").path("type").path("enum").toString()).isEqualTo("[\"profile\",\"event\"]");
    }

    @Test
    void theValidationAndCoercionOptionsCarryTheirDefaults() throws Exception {
        JsonNode json = metadata();
        for (String section : new String[] { "properties", "componentProperties" }) {
            JsonNode options = json.path(section);
            assertThat(options.path("validate").path("type").asText()).isEqualTo("boolean");
            assertThat(options.path("validate").path("defaultValue").asBoolean()).isTrue();
            assertThat(options.path("validate").path("label").asText()).isEqualTo("producer");
            assertThat(options.path("maxEventProperties").path("defaultValue").asInt()).isEqualTo(100);
            assertThat(options.path("maxEventProperties").path("label").asText()).isEqualTo("producer");
            assertThat(options.path("nestedEventData").path("enum").toString())
                    .isEqualTo("[\"reject\",\"flatten\",\"stringify\"]");
            assertThat(options.path("nestedEventData").path("defaultValue").asText()).isEqualTo("reject");
        }
    }

    @Test
    void passcodeIsSecretAndOptionalSinceTheEnvironmentCanHoldIt() throws Exception {
        JsonNode json = metadata();
        for (String section : new String[] { "properties", "componentProperties" }) {
            assertThat(json.path(section).path("passcode").path("secret").asBoolean()).isTrue();
            assertThat(json.path(section).path("passcode").path("required").asBoolean()).isFalse();
            assertThat(json.path(section).path("passcodeEnvVar").path("defaultValue").asText())
                    .isEqualTo("CLEVERTAP_PASSCODE");
            assertThat(json.path(section).path("passcodeEnvVar").path("secret").asBoolean()).isFalse();
            assertThat(json.path(section).path("accountId").path("secret").asBoolean()).isFalse();
            for (String required : new String[] { "region", "accountId" }) {
                assertThat(json.path(section).path(required).path("required").asBoolean()).as(required).isTrue();
            }
        }
    }

    @Test
    void headersAreListed() throws Exception {
        JsonNode headers = metadata().path("headers");
        for (String header : new String[] {
                CleverTapConstants.IDENTITY, CleverTapConstants.OBJECT_ID, CleverTapConstants.EVENT_NAME,
                CleverTapConstants.TIMESTAMP, CleverTapConstants.STATUS, CleverTapConstants.PROCESSED,
                CleverTapConstants.UNPROCESSED, CleverTapConstants.REJECTED_RECORDS }) {
            assertThat(headers.path(header).path("description").asText()).as(header).isNotBlank();
        }
        assertThat(metadata().path("component").path("producerOnly").asBoolean()).isTrue();
        assertThat(metadata().path("component").path("async").asBoolean()).isTrue();
    }

    @Test
    void theJarCarriesTheGeneratedServiceFilesConfigurersAndTheJandexIndex() throws Exception {
        Class.forName("io.github.camelclevertap.component.CleverTapComponentConfigurer");
        Class.forName("io.github.camelclevertap.component.CleverTapEndpointConfigurer");
        Class.forName("io.github.camelclevertap.component.CleverTapEndpointUriFactory");
        for (String resource : new String[] {
                "/META-INF/services/org/apache/camel/component/clevertap",
                "/META-INF/services/org/apache/camel/configurer/clevertap-component",
                "/META-INF/services/org/apache/camel/configurer/clevertap-endpoint",
                "/META-INF/services/org/apache/camel/urifactory/clevertap-endpoint",
                "/META-INF/jandex.idx" }) {
            assertThat(CleverTapComponent.class.getResource(resource)).as(resource).isNotNull();
        }
    }
}
