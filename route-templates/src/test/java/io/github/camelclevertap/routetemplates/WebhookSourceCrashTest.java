package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A JVM running `clevertap-webhook-source` → `clevertap-record-action` → `clevertap-sink` is killed with SIGKILL
 * (`kill -9`) while 20 callers fire sign-ups at it, then a new one is started and the callers send again every call
 * that got no 200: a call answered 200 has its record stored, already before the restart (a 200 is never a lie), and
 * every record ends up stored at least once. A record is stored twice only when CleverTap stored it but its caller got
 * no answer (the kill cut it off), the webhook's at-least-once promise.
 */
class WebhookSourceCrashTest {

    private static final String ACCOUNT = "ACC-WebhookSourceCrashTest";
    private static final String PASSCODE = "pc-webhook-crash-SECRET";
    private static final String SECRET = "wh-crash-SECRET";
    private static final int CALLS = 2_000;
    /** Below Vert.x's default of 20 worker threads, each of which holds a call until CleverTap answered. */
    private static final int CALLERS = 20;
    private static final int MAX_ATTEMPTS = 5;

    @TempDir
    static Path directory;

    /** 20 ms a request: the calls take a few seconds, so the kill lands among them with requests in flight. */
    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension(emulator -> emulator.account(ACCOUNT, PASSCODE)
            .latency(Duration.ofMillis(20)));

    @Test
    void everyCallAnswered200IsStoredAndTheRetriesDeliverTheRest() throws Exception {
        Path log = Path.of("target/webhook-source-crash-forked.log");
        Files.deleteIfExists(log);
        ChildWebhook webhook = new ChildWebhook(ACCOUNT, PASSCODE, EMULATOR.get().baseUri(), SECRET);
        List<String> identities = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            identities.add("k-" + i);
        }

        Callers firstRun = new Callers(webhook);
        Set<Object> storedAtKill;
        try (ForkedJvm first = webhook.start(10, "log4j2-forked.properties", directory, log)) {
            webhook.awaitAnswered("k-0");
            ExecutorService threads = firstRun.start(identities.subList(1, CALLS));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                    .until(() -> EMULATOR.get().storedRecordCount() >= CALLS / 3);
            first.kill();
            // requests the dead JVM had sent are still stored when the emulator ends them: count those too
            await().atMost(Duration.ofSeconds(10)).until(() -> EMULATOR.get().stats().inFlight() == 0);
            storedAtKill = FaultSuite.storedByIdentity(EMULATOR, ACCOUNT).keySet();
            firstRun.finish(threads);
        }
        firstRun.answered.add("k-0");
        assertThat(firstRun.unexpected).as("answers other than 200 or none").isEmpty();
        assertThat(firstRun.failed).as("calls cut off by the kill").isNotEmpty();
        assertThat(storedAtKill).as("every 200 before the kill was already stored").containsAll(firstRun.answered);

        Callers retries = new Callers(webhook);
        List<String> toRetry = List.copyOf(firstRun.failed);
        try (ForkedJvm second = webhook.start(10, "log4j2-forked.properties", directory, log)) {
            webhook.awaitAnswered(toRetry.get(0));
            retries.answered.add(toRetry.get(0));
            retries.finish(retries.start(toRetry.subList(1, toRetry.size())));
            assertThat(second.isAlive()).isTrue();
        }

        Map<Object, Long> storedByIdentity = FaultSuite.storedByIdentity(EMULATOR, ACCOUNT);
        long stored = FaultSuite.stored(storedByIdentity);
        long duplicated = stored - storedByIdentity.size();
        System.out.printf("webhook crash: calls=%d answered 200 before kill -9=%d stored at kill=%d retried=%d"
                          + " stored=%d distinct=%d duplicated=%d peakInFlight=%d%n", CALLS, firstRun.answered.size(),
                storedAtKill.size(), toRetry.size(), stored, storedByIdentity.size(), duplicated,
                EMULATOR.get().stats().peakInFlight(ACCOUNT));

        assertThat(retries.unexpected).isEmpty();
        assertThat(retries.failed).as("retried calls still without a 200").isEmpty();
        assertThat(firstRun.answered.size() + retries.answered.size()).isEqualTo(CALLS);
        assertThat(storedByIdentity.keySet()).containsExactlyInAnyOrderElementsOf(identities);
        // only a call that was stored but got no answer is stored twice: one whose record was stored at the kill
        assertThat(storedByIdentity).allSatisfy((identity, times) -> assertThat(times)
                .as("%s", identity).isLessThanOrEqualTo(storedAtKill.contains(identity) ? 2L : 1L));
        assertThat(duplicated).isLessThanOrEqualTo(storedAtKill.size() - firstRun.answered.size());
        assertThat(EMULATOR.get().stats().peakInFlight(ACCOUNT)).isBetween(1, 15);
        assertThat(Files.readString(log)).doesNotContain(PASSCODE).doesNotContain(SECRET);
    }

    /** {@link #CALLERS} threads sending calls, each once per attempt, retrying at once an answer other than 200. */
    private static final class Callers {

        private final ChildWebhook webhook;
        private final Set<String> answered = ConcurrentHashMap.newKeySet();
        private final Queue<String> failed = new ConcurrentLinkedQueue<>();
        private final Map<String, String> unexpected = new ConcurrentHashMap<>();

        Callers(ChildWebhook webhook) {
            this.webhook = webhook;
        }

        ExecutorService start(List<String> identities) {
            ExecutorService threads = Executors.newFixedThreadPool(CALLERS);
            AtomicInteger next = new AtomicInteger();
            for (int t = 0; t < CALLERS; t++) {
                threads.execute(() -> {
                    for (int i = next.getAndIncrement(); i < identities.size(); i = next.getAndIncrement()) {
                        call(identities.get(i));
                    }
                });
            }
            threads.shutdown();
            return threads;
        }

        void finish(ExecutorService threads) throws InterruptedException {
            assertThat(threads.awaitTermination(2, TimeUnit.MINUTES)).as("all calls sent").isTrue();
        }

        /**
         * Sends one call until it gets 200, at most {@link #MAX_ATTEMPTS} times; a call without an answer (the JVM
         * died) is left in {@link #failed} at once, for the restarted JVM.
         */
        private void call(String identity) {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                int status;
                try {
                    status = webhook.call(identity, SECRET);
                } catch (IOException e) {
                    failed.add(identity);
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed.add(identity);
                    return;
                }
                if (status == 200) {
                    answered.add(identity);
                    return;
                }
                if (status != 502 && status != 503) {
                    unexpected.put(identity, String.valueOf(status));
                    return;
                }
            }
            failed.add(identity);
        }
    }
}
