package io.github.camelclevertap.examples.quarkus.review;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without credentials the app runs on its in-process emulator, whatever base URI the deployment's configuration
 * names: a CLEVERTAP_BASE_URI in the environment (or -Dclevertap.base-uri) must not send the emulator's uploads
 * elsewhere. Here it points at a second server on loopback, which must receive nothing.
 */
class EmulatorUploadsStayOnTheMachineIT {

    @Test
    void aConfiguredBaseUriReceivesNothing() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        elsewhere.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        elsewhere.start();
        String uri = "http://127.0.0.1:" + elsewhere.getAddress().getPort();
        try (PackagedApp app = PackagedApp.launch("emulator-with-base-uri",
                Map.of("CLEVERTAP_BASE_URI", uri, "CLEVERTAP_ACCOUNT_ID", "", "CLEVERTAP_PASSCODE", ""),
                List.of("-Dclevertap.base-uri=" + uri, "-Dflows.file.enabled=false", "-Dflows.sql.enabled=false"))) {
            assertThat(app.awaitReadyOrExit()).as("the app runs (its output: %s)", app.log).isTrue();
            String userId = "local-" + UUID.randomUUID();
            // answered once the emulator answered for the record
            given().port(app.port).contentType(ContentType.JSON).header("X-Webhook-Secret", "dev-webhook-secret")
                    .body(Map.of("user_id", userId)).post("/webhooks/signup").then().statusCode(200);
            given().port(app.port).get("/emulator/records").then().statusCode(200);
            assertThat(given().port(app.port).get("/emulator/records").asString()).contains(userId);
            assertThat(requests.get()).as("requests that reached %s", uri).isZero();
        } finally {
            elsewhere.stop(0);
        }
    }
}
