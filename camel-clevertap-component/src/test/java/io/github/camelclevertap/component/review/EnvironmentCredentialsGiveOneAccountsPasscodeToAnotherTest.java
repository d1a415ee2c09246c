package io.github.camelclevertap.component.review;

import java.lang.reflect.Constructor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import com.sun.net.httpserver.HttpServer;
import io.github.camelclevertap.component.CleverTapComponent;
import io.github.camelclevertap.component.ManyAccountsTestSupport;
import io.github.camelclevertap.component.credentials.EnvironmentCredentials;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Promise: each request carries its own account's id and passcode. EnvironmentCredentials maps every account id to
 * CLEVERTAP_PASSCODE_ + the id upper-cased with every non-alphanumeric character as '_': distinct accounts
 * ACC-REVIEW-ENV and ACC_REVIEW_ENV (or acc-review-env, ACC.REVIEW.ENV) read the same variable, so an exchange whose
 * header names ACC_REVIEW_ENV is sent with ACC-REVIEW-ENV's passcode to CleverTap, under the other account's id.
 * Expected: an account with no variable of its own fails its exchange without sending (no passcode).
 */
class EnvironmentCredentialsGiveOneAccountsPasscodeToAnotherTest extends ManyAccountsTestSupport {

    private static final String OWNER = "ACC-REVIEW-ENV";
    private static final String OWNER_PASSCODE = "pc-owner-SECRET";
    private static final String OTHER = "ACC_REVIEW_ENV";

    /** What the stand-in for CleverTap received: account id header, and whether the passcode was the owner's. */
    private final List<String[]> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/1/upload", http -> {
            received.add(new String[] { http.getRequestHeaders().getFirst("X-CleverTap-Account-Id"),
                    String.valueOf(OWNER_PASSCODE.equals(http.getRequestHeaders().getFirst("X-CleverTap-Passcode"))) });
            http.getRequestBody().readAllBytes();
            byte[] answer = "{\"status\":\"success\",\"processed\":1,\"unprocessed\":[]}"
                    .getBytes(StandardCharsets.UTF_8);
            http.sendResponseHeaders(200, answer.length);
            http.getResponseBody().write(answer);
            http.close();
        });
        server.start();
        return super.createCamelContext();
    }

    @Override
    protected void configureComponent(CleverTapComponent component) throws Exception {
        Map<String, String> environment = Map.of(EnvironmentCredentials.variableFor(OWNER), OWNER_PASSCODE);
        Constructor<EnvironmentCredentials> constructor
                = EnvironmentCredentials.class.getDeclaredConstructor(UnaryOperator.class);
        constructor.setAccessible(true);
        component.setCredentials(constructor.newInstance((UnaryOperator<String>) environment::get));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload").to("clevertap:profile?region=eu1&accountId=ACC-REVIEW-ENV-DEFAULT"
                                         + "&passcode=pc-default-SECRET&baseUri=http://127.0.0.1:"
                                         + server.getAddress().getPort() + "&batchSize=1&maxRetries=0");
            }
        };
    }

    @Test
    void anAccountWithoutItsOwnVariableIsNotSentWithAnotherAccountsPasscode() {
        Exchange exchange = send("direct:upload", OTHER, profile("u1", Map.of("Name", "U1")));

        assertThat(received.stream().filter(r -> OTHER.equals(r[0]) && "true".equals(r[1])).count())
                .as("requests for account %s carrying the passcode of account %s", OTHER, OWNER).isZero();
        assertThat(exchange.getException()).as("the exchange fails: %s has no passcode of its own", OTHER)
                .isNotNull();
    }
}
