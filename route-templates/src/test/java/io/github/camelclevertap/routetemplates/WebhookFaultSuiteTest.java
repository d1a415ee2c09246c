package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.emulator.EmulatorStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook fault suite: 200,000 webhook calls (fewer with `-DargLine=-Dwebhook.faults.records=50000`), one record each, from
 * 200 concurrent callers over real HTTP, through
 * `clevertap-webhook-source` → `clevertap-record-action` → `clevertap-sink`, against an emulator injecting 503s, 429s,
 * dropped connections and responses slower than the request timeout ({@link FaultSuite#RATES}). A caller that gets
 * 502, 503 or no answer sends the call again, as a real webhook sender does. Every record ends up stored or rejected
 * with its code; the run counts duplicates (a stored record whose answer was lost and was sent again) and checks that
 * the emulator never saw more than 15 requests at once.
 */
class WebhookFaultSuiteTest {

    private static final String ACCOUNT = "ACC-WebhookFaultSuiteTest";
    private static final String PASSCODE = "pc-webhook-faults-SECRET";
    private static final String SECRET = "wh-faults-s3cr3t";
    private static final int RECORDS = Integer.getInteger("webhook.faults.records", 200_000);
    private static final int CALLERS = 200;
    /** Every 100th record has a name CleverTap refuses (more than 512 bytes: code 512). */
    private static final int INVALID_EVERY = 100;
    private static final int MAX_ATTEMPTS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final CamelMainRunner CAMEL = CamelMainRunner
            .httpRoutes("routes/clevertap-webhook-faults.yaml", ACCOUNT, PASSCODE)
            .property("camel.component.clevertap.request-timeout", String.valueOf(FaultSuite.REQUEST_TIMEOUT_MILLIS))
            .property("webhook.secret", SECRET);
    static final EmulatorExtension EMULATOR = CAMEL.emulator();

    @Test
    void everyCallEndsStoredOrRejectedUnderFaults() throws Exception {
        EMULATOR.get().faults().random(FaultSuite.SEED, FaultSuite.RATES);
        Callers callers = new Callers();
        long started = System.nanoTime();
        double cpuAtStart = FaultSuite.cpuSeconds();

        callers.run();
        double seconds = (System.nanoTime() - started) / 1e9;

        EmulatorStats stats = EMULATOR.get().stats();
        Map<Object, Long> storedByIdentity = FaultSuite.storedByIdentity(EMULATOR, ACCOUNT);
        long stored = FaultSuite.stored(storedByIdentity);
        FaultSuite.Figures figures = new FaultSuite.Figures(RECORDS, stored, callers.rejected.size(), 0,
                stored - storedByIdentity.size(), callers.retries.get(), stats, seconds,
                FaultSuite.cpuSeconds() - cpuAtStart);
        figures.print("webhook fault suite");

        assertThat(callers.gaveUp).as("calls still failing after %d attempts", MAX_ATTEMPTS).isEmpty();
        assertThat(callers.unexpected).as("answers other than 200, 400, 502, 503").isEmpty();
        // every caller that got 200 has its record stored, every 400 names code 512, nothing else is missing
        assertThat(callers.succeeded.get()).isEqualTo(RECORDS - RECORDS / INVALID_EVERY);
        assertThat(callers.rejected).hasSize(RECORDS / INVALID_EVERY).allSatisfy((identity, code) -> {
            assertThat(code).isEqualTo(512);
            assertThat(storedByIdentity).doesNotContainKey(identity);
        });
        assertThat(storedByIdentity).hasSize(RECORDS - RECORDS / INVALID_EVERY);
        assertThat(stats.peakInFlight(ACCOUNT)).isBetween(1, 15);
        // the faults did happen
        assertThat(stats.responses(503)).isPositive();
        assertThat(stats.responses(0)).isPositive();
    }

    /**
     * 200 callers, each a thread sending its calls one after the other with the blocking client (its asynchronous
     * API starts a thread per call on a 2-core machine), and sending a call again at once on 502, 503 or no answer.
     */
    private static final class Callers {

        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicLong succeeded = new AtomicLong();
        private final AtomicLong retries = new AtomicLong();
        private final Map<String, Integer> rejected = new ConcurrentHashMap<>();
        private final Map<String, String> unexpected = new ConcurrentHashMap<>();
        private final Map<String, String> gaveUp = new ConcurrentHashMap<>();

        void run() throws InterruptedException {
            ExecutorService threads = Executors.newFixedThreadPool(CALLERS);
            for (int t = 0; t < CALLERS; t++) {
                threads.execute(() -> {
                    for (int i = next.getAndIncrement(); i < RECORDS; i = next.getAndIncrement()) {
                        call(i);
                    }
                });
            }
            threads.shutdown();
            assertThat(threads.awaitTermination(2, TimeUnit.MINUTES)).as("all calls answered").isTrue();
        }

        private void call(int i) {
            String identity = "w-" + i;
            String name = i % INVALID_EVERY == 0 ? "N".repeat(600) : "User " + i;
            HttpRequest request = HttpRequest.newBuilder(CAMEL.uri("faults/signup"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("X-Webhook-Secret", SECRET)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"payload\": {\"name\": \"" + name + "\", \"user_id\": \"" + identity + "\"}}"))
                    .build();
            for (int attempt = 1; ; attempt++) {
                HttpResponse<String> response = null;
                String error = null;
                try {
                    response = http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    error = e.toString();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    gaveUp.put(identity, "interrupted");
                    return;
                }
                int status = response == null ? 0 : response.statusCode();
                if (status == 200) {
                    succeeded.incrementAndGet();
                    return;
                }
                if (status == 400) {
                    rejected.put(identity, code(response.body()));
                    return;
                }
                if (status != 0 && status != 502 && status != 503) {
                    unexpected.put(identity, status + " " + response.body());
                    return;
                }
                if (attempt == MAX_ATTEMPTS) {
                    gaveUp.put(identity, error != null ? error : response.body());
                    return;
                }
                retries.incrementAndGet();
            }
        }

        private static int code(String body) {
            try {
                JsonNode outcome = JSON.readTree(body);
                return outcome.path("code").asInt();
            } catch (IOException e) {
                return -1;
            }
        }
    }
}
