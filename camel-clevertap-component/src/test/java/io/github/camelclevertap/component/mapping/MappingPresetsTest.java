package io.github.camelclevertap.component.mapping;

import java.io.File;
import java.net.URL;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The presets turn the partner payloads of the API doc ("Partner conventions") into exactly the documented records.
 */
class MappingPresetsTest extends MappingTestSupport {

    @Test
    void bolticSignUp() throws Exception {
        assertThat(record(CleverTapRecordMapper.preset("boltic-signup"),
                "{\"payload\": {\"name\": \"John D\", \"user_id\": \"1717\"}}"))
                .isEqualTo(Map.of("identity", "1717", "type", "profile", "profileData", Map.of("Name", "John D")));
    }

    @Test
    void bolticPurchase() throws Exception {
        String payload = """
                {"payload": {"user_id": "1717", "event_name": "Product Purchased",
                             "properties": {"amount": 499.99, "currency": "USD", "product_id": "98765"}}}""";

        assertThat(record(CleverTapRecordMapper.preset("boltic-purchase"), payload)).isEqualTo(Map.of(
                "type", "event",
                "objectId", "1717",
                "evtName", "Product Purchased",
                "evtData", Map.of("Product ID", "98765", "Amount", 499.99, "Currency", "USD")));
    }

    @Test
    void talonOneCoupon() throws Exception {
        assertThat(record(CleverTapRecordMapper.preset("talon-one-coupon"),
                "{\"ProfileID\": \"customer-31\", \"CouponCode\": \"NY-2025-XK3\"}"))
                .isEqualTo(Map.of(
                        "type", "event",
                        "evtName", "Coupon Generated",
                        "$source", "Talon.One",
                        "identity", "customer-31",
                        "evtData", Map.of("CouponCode", "NY-2025-XK3")));
    }

    @Test
    void pipedreamProfile() throws Exception {
        String payload = """
                {"Identity": "ada@example.com", "Name": "Ada Lovelace", "Email": "ada@example.com",
                 "Phone": "+441234567890"}""";

        assertThat(record(CleverTapRecordMapper.preset("pipedream-profile"), payload)).isEqualTo(Map.of(
                "type", "profile",
                "identity", "ada@example.com",
                "profileData", Map.of("Name", "Ada Lovelace", "Email", "ada@example.com", "Phone", "+441234567890")));
    }

    @Test
    void pipedreamEvent() throws Exception {
        String payload = """
                {"Event Name": "Workflow Run", "Identity": "ada@example.com",
                 "Event Data": {"Workflow": "nightly-sync", "Steps": 4}}""";

        assertThat(record(CleverTapRecordMapper.preset("pipedream-event"), payload)).isEqualTo(Map.of(
                "type", "event",
                "identity", "ada@example.com",
                "evtName", "Workflow Run",
                "evtData", Map.of("Workflow", "nightly-sync", "Steps", 4)));
    }

    @Test
    void optionsSetOnTheMapperOverrideAndExtendThePreset() throws Exception {
        CleverTapRecordMapper mapper = CleverTapRecordMapper.builder()
                .preset("boltic-signup")
                .property("Email", "$.payload.email")
                .source("Boltic")
                .build();

        assertThat(record(mapper, "{\"payload\": {\"name\": \"John D\", \"user_id\": \"1717\", \"email\": \"j@d.io\"}}"))
                .isEqualTo(Map.of("type", "profile", "identity", "1717", "$source", "Boltic",
                        "profileData", Map.of("Name", "John D", "Email", "j@d.io")));
    }

    @Test
    void anUnknownPresetFailsListingTheBuiltInOnes() {
        CleverTapRecordMapper mapper = CleverTapRecordMapper.preset("boltic-refund");
        mapper.setCamelContext(context);

        assertThatThrownBy(mapper::start).hasMessage(
                "Unknown mapping preset 'boltic-refund': no META-INF/clevertap/mappings/boltic-refund.json on the class"
                                                     + " path. The built-in presets are [boltic-signup, boltic-purchase,"
                                                     + " talon-one-coupon, pipedream-profile, pipedream-event]");
        assertThatThrownBy(() -> MappingPresets.load(context, "../secret", null))
                .hasMessageStartingWith("Mapping preset name '../secret' is not valid");
    }

    @Test
    void everyShippedPresetIsListedAndStarts() throws Exception {
        URL folder = getClass().getClassLoader().getResource(MappingPresets.LOCATION);
        assertThat(folder).isNotNull();
        String[] files = new File(folder.toURI()).list((dir, name) -> name.endsWith(".json"));
        assertThat(Arrays.stream(files).map(name -> name.substring(0, name.length() - 5)))
                .containsExactlyInAnyOrderElementsOf(MappingPresets.BUILT_IN);
        for (String name : MappingPresets.BUILT_IN) {
            CleverTapRecordMapper mapper = CleverTapRecordMapper.preset(name);
            mapper.setCamelContext(context);
            mapper.start();
            assertThat(MappingPresets.load(context, name, new com.fasterxml.jackson.databind.ObjectMapper()))
                    .as(name).containsKey("description");
        }
    }

    @Test
    void aNativeImageKeepsThePresetsAndTheMapperBeans() throws Exception {
        String config = "META-INF/native-image/io.github.camelclevertap/camel-clevertap-component/";
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode resources
                = json.readTree(getClass().getClassLoader().getResource(config + "resource-config.json"));
        java.util.regex.Pattern pattern
                = java.util.regex.Pattern.compile(resources.path("resources").path("includes").get(0).path("pattern").asText());
        for (String name : MappingPresets.BUILT_IN) {
            assertThat(pattern.matcher(MappingPresets.LOCATION + name + ".json").matches()).as(name).isTrue();
        }
        com.fasterxml.jackson.databind.JsonNode reflection
                = json.readTree(getClass().getClassLoader().getResource(config + "reflect-config.json"));
        assertThat(reflection.findValuesAsText("name")).containsExactly(
                CleverTapRecordMapper.class.getName(), SegmentRecordMapper.class.getName());
    }
}
