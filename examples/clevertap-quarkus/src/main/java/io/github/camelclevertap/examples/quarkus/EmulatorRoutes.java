package io.github.camelclevertap.examples.quarkus;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code GET /emulator/records}: the records the in-process emulator stored, as a JSON array in arrival order; 404
 * when the app uploads to CleverTap itself.
 */
@ApplicationScoped
public class EmulatorRoutes extends RouteBuilder {

    @Inject
    EmbeddedCleverTap cleverTap;

    @Inject
    ObjectMapper mapper;

    @Override
    public void configure() {
        from("platform-http:/emulator/records?httpMethodRestrict=GET").routeId("emulator-records")
                .process(this::records);
    }

    private void records(Exchange exchange) throws Exception {
        Object body = cleverTap.emulator().<Object> map(emulator -> emulator.storedRecords())
                .orElse(Map.of("status", "fail", "error", "the emulator is not running: the app uploads to CleverTap"));
        if (cleverTap.emulator().isEmpty()) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
        }
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(mapper.writeValueAsString(body));
    }
}
