package io.github.camelclevertap.examples.quarkus;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * /q/health and the CleverTap meters in /q/metrics.
 */
@QuarkusTest
@WithTestResource(EmbeddedDefaults.class)
class ObservabilityTest {

    private static final String WEBHOOK = "account=\"TEST-ACCOUNT\",route=\"webhook-upload\",type=\"profile\"";

    @Test
    void readinessIncludesTheCleverTapProducers() {
        // Camel reports a polling consumer in its initial state (DOWN) until its first poll, a second after start
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200)
                        .body("status", equalTo("UP"), "checks.name", hasItem("camel-producers")));
    }

    @Test
    void metersCountStoredAndRejectedRecordsAndTimeTheRequests() {
        double sent = meter("clevertap_records_sent_total{" + WEBHOOK + "}");
        double rejectedLocally = meter("clevertap_records_rejected_total{account=\"TEST-ACCOUNT\",by=\"local\","
                                       + "route=\"webhook-upload\",type=\"profile\"}");
        double requests = meter("clevertap_request_duration_seconds_count{" + WEBHOOK + "}");

        call(Map.of("user_id", "m-" + UUID.randomUUID(), "name", "Metered"), 200);
        call(Map.of("user_id", "m-" + UUID.randomUUID(), "email", "not-an-email"), 400);

        assertThat(meter("clevertap_records_sent_total{" + WEBHOOK + "}")).isEqualTo(sent + 1);
        assertThat(meter("clevertap_records_rejected_total{account=\"TEST-ACCOUNT\",by=\"local\","
                         + "route=\"webhook-upload\",type=\"profile\"}")).isEqualTo(rejectedLocally + 1);
        assertThat(meter("clevertap_request_duration_seconds_count{" + WEBHOOK + "}")).isEqualTo(requests + 1);
        assertThat(meter("clevertap_requests_in_flight{account=\"TEST-ACCOUNT\"}")).isZero();
        assertThat(meter("clevertap_records_retried_total{" + WEBHOOK + "}")).isZero();
    }

    private static void call(Map<String, String> payload, int status) {
        given().contentType(ContentType.JSON).header("X-Webhook-Secret", "dev-webhook-secret").body(payload)
                .post("/webhooks/signup").then().statusCode(status);
    }

    /** A sample's value in the Prometheus text of /q/metrics. */
    private static double meter(String sample) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        assertThat(matcher.find()).as("%s in /q/metrics", sample).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
