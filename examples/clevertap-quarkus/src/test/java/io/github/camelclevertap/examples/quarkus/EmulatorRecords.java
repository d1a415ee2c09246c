package io.github.camelclevertap.examples.quarkus;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.restassured.common.mapper.TypeRef;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * What the app's emulator stored, read the way a newcomer does: {@code GET /emulator/records}.
 */
final class EmulatorRecords {

    private EmulatorRecords() {
    }

    static List<Map<String, Object>> all() {
        return given().get("/emulator/records").then().statusCode(200).extract().as(new TypeRef<>() {
        });
    }

    static List<Map<String, Object>> withIdentity(String identity) {
        return all().stream().filter(record -> identity.equals(record.get("identity"))).toList();
    }

    /** Waits until the records of the identity match, and returns them. */
    static List<Map<String, Object>> awaitWithIdentity(String identity, Predicate<List<Map<String, Object>>> done) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> withIdentity(identity), done);
    }
}
