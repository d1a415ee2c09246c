package io.github.camelclevertap.examples.quarkus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.camelclevertap.emulator.Fault;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With CleverTap credentials none of the embedded defaults is active, reachable or printed: no emulator, no
 * {@code /emulator/} path, no sample files, no sample shop, no development secret; the flows upload to the account.
 */
@QuarkusTest
@WithTestResource(CleverTapStandIn.class)
class RealCleverTapTest {

    private static final Path APP_LOG = Path.of("target/quarkus-test.log");

    @BeforeEach
    void sqlFlowPolledOnce() {
        // the SQL flow's first poll ran: from then on a sample shop, had it been created, would have been uploaded
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> log().contains("Table \"CUSTOMERS\" not found"));
    }

    @Test
    void aDroppedFileIsStoredInTheAccountAndNoSampleIsCopiedOrCreated() throws Exception {
        String userId = "real-" + UUID.randomUUID();
        drop("signup.csv", userId);

        awaitStored(userId);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(CleverTapStandIn.inbox().resolve(".done").resolve("signup.csv")));
        // only profiles of files the tests dropped: neither the sample files nor the sample shop's customers and orders
        assertThat(CleverTapStandIn.cleverTap().storedRecords(CleverTapStandIn.ACCOUNT_ID))
                .extracting(record -> String.valueOf(record.get("identity"))).allMatch(id -> id.startsWith("real-"));
        try (var files = Files.list(CleverTapStandIn.inbox().resolve(".done"))) {
            assertThat(files.map(file -> file.getFileName().toString())).doesNotContainAnyElementsOf(SampleFiles.NAMES);
        }
        for (String sample : SampleFiles.NAMES) {
            assertThat(CleverTapStandIn.inbox().resolve(sample)).doesNotExist();
        }
    }

    @Test
    void noEmulatorPathIsServed() {
        for (String path : List.of("/emulator/records", "/emulator/records/1", "/emulator")) {
            given().get(path).then().statusCode(404);
        }
    }

    @Test
    void theDevelopmentSecretIsNotAccepted() {
        // the webhook flow is off here (CleverTapStandIn); with it on and no WEBHOOK_SECRET, WebhookSecretRequiredTest
        given().contentType(ContentType.JSON).header("X-Webhook-Secret", "dev-webhook-secret")
                .body(Map.of("user_id", "dev-" + UUID.randomUUID())).post("/webhooks/signup").then().statusCode(404);
        assertThat(CleverTapStandIn.cleverTap().storedRecords()).noneMatch(
                record -> String.valueOf(record.get("identity")).startsWith("dev-"));
    }

    @Test
    void theLogNamesTheAccountAndNothingOfTheEmbeddedDefaults() throws Exception {
        assertThat(log()).contains("File flow: watching " + CleverTapStandIn.inbox())
                .doesNotContainIgnoringCase("emulator")
                .doesNotContain("dev-webhook-secret", "development secret", "sample files", "sample shop",
                        CleverTapStandIn.PASSCODE);
    }

    @Test
    void healthShowsTheCleverTapUrlAndAccountButNoPasscode() throws Exception {
        CleverTapStandIn.cleverTap().faults().enqueue(Fault.status(401));
        drop("refused.csv", "real-refused-" + UUID.randomUUID());

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(503));
        String health = given().get("/q/health").then().extract().asString();
        assertThat(health).contains("producer:clevertap-file-upload", CleverTapStandIn.ACCOUNT_ID,
                        CleverTapStandIn.cleverTap().baseUri().toString())
                .doesNotContain(CleverTapStandIn.PASSCODE).doesNotContainIgnoringCase("passcode");

        // UP again with CleverTap's next answer, for the other tests
        String userId = "real-" + UUID.randomUUID();
        drop("accepted.csv", userId);
        awaitStored(userId);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200));
    }

    /** Writes a one-row CSV into the inbox under another name first, so the file flow never reads it half-written. */
    private static void drop(String name, String userId) throws Exception {
        Path partial = CleverTapStandIn.inbox().resolve(name + ".part");
        Files.writeString(partial, "user_id,Name\n" + userId + ",Real Person\n");
        Files.move(partial, CleverTapStandIn.inbox().resolve(name));
    }

    private static void awaitStored(String userId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> CleverTapStandIn.cleverTap().storedRecords(CleverTapStandIn.ACCOUNT_ID).stream()
                        .anyMatch(record -> userId.equals(record.get("identity"))));
    }

    /**
     * This app's lines of the log (%test.quarkus.log.file.path, also the packaged app's), from the first it writes
     * about CleverTap, which names the stand-in's port; earlier apps of the test JVM wrote to the file too.
     */
    private static String log() throws Exception {
        String log = Files.exists(APP_LOG) ? Files.readString(APP_LOG) : "";
        int start = log.lastIndexOf("CleverTap: uploading to account " + CleverTapStandIn.ACCOUNT_ID + " in region "
                                   + CleverTapStandIn.cleverTap().baseUri());
        return start < 0 ? "" : log.substring(start);
    }
}
