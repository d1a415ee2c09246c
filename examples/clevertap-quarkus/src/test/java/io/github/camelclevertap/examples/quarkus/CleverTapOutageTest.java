package io.github.camelclevertap.examples.quarkus;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.github.camelclevertap.emulator.Fault;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.not;

/**
 * The CleverTap producer check turns readiness DOWN while CleverTap refuses the uploads, and UP again after. JVM
 * only: it reaches into the in-process emulator to make it refuse.
 */
@QuarkusTest
@WithTestResource(EmbeddedDefaults.class)
class CleverTapOutageTest {

    @Inject
    EmbeddedCleverTap cleverTap;

    @BeforeEach
    void samplesWereAnswered() {
        // the samples upload at start-up: the refusal below is meant for the webhook's request, not theirs
        await().atMost(Duration.ofSeconds(30)).until(() -> SampleFiles.NAMES.stream()
                .allMatch(name -> Files.exists(EmbeddedDefaults.inbox().resolve(".done").resolve(name))));
        // a customer's profile and paid order: both syncs of the sample shop were answered, and send nothing more
        EmulatorRecords.awaitWithIdentity("c-3001", records -> records.size() == 2);
    }

    @Test
    void readinessIsDownWhileCleverTapRefusesTheUploads() {
        cleverTap.emulator().orElseThrow().faults().enqueue(Fault.status(401));
        call(502);

        given().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"),
                        "checks.find { it.name == 'camel-producers' }.status", equalTo("DOWN"),
                        "checks.find { it.name == 'camel-producers' }.data.'check.id'",
                        equalTo("producer:clevertap-webhook-upload"),
                        "checks.find { it.name == 'camel-producers' }.data.'clevertap.account.id'",
                        equalTo("TEST-ACCOUNT"),
                        "checks.find { it.name == 'camel-producers' }.data.'http.response.code'", equalTo("401"),
                        "checks.find { it.name == 'camel-producers' }.data.toString()", not(containsString("passcode")));

        call(200);

        given().get("/q/health/ready").then().statusCode(200).body("checks.status", not(hasItem("DOWN")));
    }

    private static void call(int status) {
        given().contentType(ContentType.JSON).header("X-Webhook-Secret", "dev-webhook-secret")
                .body(Map.of("user_id", "outage-" + UUID.randomUUID(), "name", "Outage"))
                .post("/webhooks/signup").then().statusCode(status);
    }
}
