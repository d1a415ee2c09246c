package io.github.camelclevertap.examples.quarkus;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The webhook flow on the embedded defaults: the README's curl, checked end to end against the emulator.
 */
@QuarkusTest
@WithTestResource(EmbeddedDefaults.class)
class WebhookFlowTest {

    private static final String DEV_SECRET = "dev-webhook-secret";

    @Test
    void callerGetsSuccessOnceTheProfileIsStored() {
        String userId = "wh-" + UUID.randomUUID();

        given().contentType(ContentType.JSON).header("X-Webhook-Secret", DEV_SECRET)
                .body(Map.of("user_id", userId, "name", "John D", "email", "john@example.com", "plan", "pro"))
                .post("/webhooks/signup")
                .then().statusCode(200)
                .body("status", equalTo("success"), "processed", equalTo(1), "unprocessed", equalTo(0));

        // the caller was answered after CleverTap's answer: the record is there already
        assertThat(EmulatorRecords.withIdentity(userId)).containsExactly(Map.of("type", "profile", "identity", userId,
                "$source", "webhook",
                "profileData", Map.of("Name", "John D", "Email", "john@example.com", "Plan", "pro")));
    }

    @Test
    void wrongSecretIsAnswered401AndNothingIsSent() {
        String userId = "wh-" + UUID.randomUUID();

        given().contentType(ContentType.JSON).header("X-Webhook-Secret", "not-the-secret")
                .body(Map.of("user_id", userId, "name", "Mallory"))
                .post("/webhooks/signup")
                .then().statusCode(401).body("status", equalTo("fail"));

        assertThat(EmulatorRecords.withIdentity(userId)).isEmpty();
    }

    @Test
    void invalidEmailIsAnswered400WithCleverTapsCodeAndNotStored() {
        String userId = "wh-" + UUID.randomUUID();

        given().contentType(ContentType.JSON).header("X-Webhook-Secret", DEV_SECRET)
                .body(Map.of("user_id", userId, "name", "Bad Email", "email", "not-an-email"))
                .post("/webhooks/signup")
                .then().statusCode(400)
                .body("status", equalTo("fail"), "code", equalTo(515),
                        "error", equalTo("Profile data is incorrect. Email is not valid. (field profileData.Email)"));

        assertThat(EmulatorRecords.withIdentity(userId)).isEmpty();
    }

    @Test
    void concurrentCallsShareRequestsYetEachCallerGetsItsOwnOutcome() {
        List<String> userIds = List.of("wh-a-" + UUID.randomUUID(), "wh-b-" + UUID.randomUUID(),
                "wh-c-" + UUID.randomUUID());

        List<Integer> statuses = userIds.parallelStream()
                .map(userId -> given().contentType(ContentType.JSON).header("X-Webhook-Secret", DEV_SECRET)
                        .body(Map.of("user_id", userId, "name", "Parallel"))
                        .post("/webhooks/signup").statusCode())
                .toList();

        assertThat(statuses).containsOnly(200);
        for (String userId : userIds) {
            assertThat(EmulatorRecords.withIdentity(userId)).singleElement()
                    .satisfies(record -> assertThat(record).containsEntry("profileData", Map.of("Name", "Parallel")));
        }
    }
}
