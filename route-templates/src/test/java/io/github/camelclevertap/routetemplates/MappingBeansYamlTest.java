package io.github.camelclevertap.routetemplates;

import java.util.Map;

import io.github.camelclevertap.component.CleverTapComponent;
import io.github.camelclevertap.component.CleverTapConfiguration;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit6.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mappers declared as YAML DSL beans (`beans:` with bean-style properties) in front of `clevertap:` endpoints
 * configured on the component, as the component documentation shows.
 */
class MappingBeansYamlTest extends CamelTestSupport {

    private static final String ACCOUNT = "ACC-MappingBeansYamlTest";
    private static final String PASSCODE = "pc-beans-SECRET";

    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension(emulator -> emulator.account(ACCOUNT, PASSCODE));

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        // what camel.component.clevertap.* properties do in Camel Main, Quarkus and Spring Boot
        CleverTapConfiguration configuration
                = context.getComponent("clevertap", CleverTapComponent.class).getConfiguration();
        configuration.setRegion("eu1");
        configuration.setAccountId(ACCOUNT);
        configuration.setPasscode(PASSCODE);
        configuration.setBaseUri(EMULATOR.get().baseUri().toString());
        return PluginHelper.getRoutesLoader(context)
                .findRoutesBuilders(ResourceHelper.resolveMandatoryResource(context, "classpath:routes/mapping-beans.yaml"))
                .toArray(RoutesBuilder[]::new);
    }

    @Test
    void beansMapPayloadsForTheComponent() {
        template.sendBody("direct:signup",
                "{\"payload\": {\"user_id\": \"1717\", \"name\": \"John D\", \"email\": \"john@example.com\"}}");
        template.sendBody("direct:purchase", "{\"payload\": {\"user_id\": \"1717\", \"event_name\": \"Product Purchased\","
                                             + " \"properties\": {\"amount\": 10, \"currency\": \"EUR\", \"product_id\": \"p1\"}}}");
        template.sendBody("direct:segment", "{\"type\": \"page\", \"anonymousId\": \"anon-1\", \"name\": \"Home\"}");

        assertThat(EMULATOR.get().storedRecords()).containsExactly(
                Map.of("type", "profile", "identity", "1717",
                        "profileData", Map.of("Name", "John D", "Email", "john@example.com")),
                Map.of("type", "event", "objectId", "1717", "evtName", "Product Purchased", "$source", "Boltic",
                        "evtData", Map.of("Product ID", "p1", "Amount", 10, "Currency", "EUR")),
                Map.of("type", "event", "objectId", "anon-1", "evtName", "Web Page Viewed",
                        "evtData", Map.of("name", "Home")));
    }
}
