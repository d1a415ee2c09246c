package io.github.camelclevertap.examples.quarkus;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code GET /emulator/records}: the records the in-process emulator stored, as a JSON array in arrival order. Not
 * created when the app uploads to CleverTap itself, so every {@code /emulator/} path answers 404 then.
 */
@ApplicationScoped
public class EmulatorRoutes extends RouteBuilder {

    @Inject
    EmbeddedCleverTap cleverTap;

    @Inject
    CleverTapSettings settings;

    @Inject
    ObjectMapper mapper;

    @Override
    public void configure() {
        if (settings.uploadsToCleverTap()) {
            return;
        }
        from("platform-http:/emulator/records?httpMethodRestrict=GET").routeId("emulator-records")
                .process(this::records);
    }

    private void records(Exchange exchange) throws Exception {
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(mapper.writeValueAsString(cleverTap.emulator().orElseThrow().storedRecords()));
    }
}
