package io.github.camelclevertap.redis;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three replica JVMs as a user deploys them: each answers webhook calls (sent round-robin, as a load balancer does)
 * and runs the file source on one shared inbox behind `master:` with camel-file's FileLockClusterService; all of them
 * upload to one account within the Redis permits. The inbox leader is killed with SIGKILL in the middle of a file: a
 * survivor takes the inbox over and resumes the file after its progress, the account never has more than 15 requests
 * in flight, nothing is answered 429, every record is stored at least once, and the records stored twice are the
 * killed replica's: the file's resume window and the webhook calls it was answering.
 */
class ReplicasShareOneInboxTest {

    private static final String ACCOUNT = "ACC-INBOX";
    private static final String PASSCODE = "pc-inbox-SECRET";
    private static final String WEBHOOK_SECRET = "webhook-inbox-SECRET";
    private static final int FILE_RECORDS = 60_000;
    /** The route's resumeWindow. */
    private static final int RESUME_WINDOW = 3000;
    private static final int WEBHOOK_SENDERS = 6;
    private static final long LEASE_MILLIS = 3000;
    private static final List<String> NAMES = List.of("A", "B", "C");

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @TempDir
    Path work;

    @Test
    void aSurvivorTakesTheInboxOverFromAKilledLeaderWithinTheAccountsFifteen() throws Exception {
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Path cluster = Files.createDirectories(work.resolve("cluster"));
        try (CleverTapEmulator emulator = CleverTapEmulator.builder().account(ACCOUNT, PASSCODE)
                .latency(Duration.ofMillis(100)).build().start();
             RedisUploadPermits probe = new RedisUploadPermits()) {
            probe.setAddress(REDIS.address());
            probe.start();
            long started = System.nanoTime();
            Map<String, Process> replicas = new HashMap<>();
            Map<String, Integer> ports = new HashMap<>();
            for (String name : NAMES) {
                ports.put(name, RedisServerExtension.freePort());
                replicas.put(name, startReplica(name, emulator, inbox, cluster, ports.get(name)));
            }
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50))
                    .until(() -> NAMES.stream().allMatch(name -> logged(name, "Started webhook"))
                                 && leaders().size() == 1);
            String leader = leaders().get(0);

            Webhooks webhooks = new Webhooks(ports);
            webhooks.start();
            dropFile(inbox, "big.ndjson");
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(20))
                    .until(() -> emulator.storedRecordCount() >= FILE_RECORDS / 3);
            replicas.get(leader).destroyForcibly();
            long killedAt = System.nanoTime();
            assertThat(replicas.get(leader).waitFor(10, TimeUnit.SECONDS)).isTrue();
            webhooks.down(leader);
            assertThat(inbox.resolve(".done/big.ndjson")).doesNotExist();

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> leaders().stream().anyMatch(name -> !name.equals(leader)));
            long takenOverMillis = (System.nanoTime() - killedAt) / 1_000_000;
            String survivor = leaders().stream().filter(name -> !name.equals(leader)).findFirst().orElseThrow();
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Files.exists(inbox.resolve(".done/big.ndjson")));
            long fileDoneMillis = (System.nanoTime() - killedAt) / 1_000_000;
            webhooks.stop();
            long survivorsIdleMillis = (System.nanoTime() - killedAt) / 1_000_000;
            await().atMost(Duration.ofMillis(LEASE_MILLIS + 10_000)).pollInterval(Duration.ofMillis(20))
                    .until(() -> probe.availablePermits(ACCOUNT) == 15);
            long permitsBackMillis = (System.nanoTime() - killedAt) / 1_000_000;

            Map<String, Integer> copies = new HashMap<>();
            for (Map<String, Object> record : emulator.storedRecords(ACCOUNT)) {
                copies.merge((String) record.get("identity"), 1, Integer::sum);
            }
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < FILE_RECORDS; i++) {
                if (!copies.containsKey("f-" + i)) {
                    missing.add("f-" + i);
                }
            }
            webhooks.answered.forEach(identity -> {
                if (!copies.containsKey(identity)) {
                    missing.add(identity);
                }
            });
            long fileDuplicates = copies.entrySet().stream().filter(e -> e.getKey().startsWith("f-"))
                    .mapToInt(e -> e.getValue() - 1).sum();
            List<String> webhookDuplicates = copies.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("w-") && e.getValue() > 1).map(Map.Entry::getKey).toList();
            int peak = emulator.stats().peakInFlight(ACCOUNT);
            long tooMany = emulator.stats().responses(429);
            System.out.printf("3 replicas, one inbox (%d records) and %d webhook calls answered (%d retried on another"
                              + " replica): leader %s killed; %s took the inbox over %d ms after the kill, the file was"
                              + " done %d ms after it; peak in flight %d, 429s %d, missing %d, file records stored"
                              + " twice %d (resume window %d), webhook records stored twice %d; all 15 permits back"
                              + " %d ms after the kill (lease %d ms); whole run %d ms%n",
                    FILE_RECORDS, webhooks.answered.size(), webhooks.retried.size(), leader, survivor, takenOverMillis,
                    fileDoneMillis, peak, tooMany, missing.size(), fileDuplicates, RESUME_WINDOW,
                    webhookDuplicates.size(), permitsBackMillis, LEASE_MILLIS,
                    (System.nanoTime() - started) / 1_000_000);

            assertThat(peak).isLessThanOrEqualTo(15);
            assertThat(tooMany).isZero();
            assertThat(missing).isEmpty();
            assertThat(webhooks.failed.get()).as("webhook calls no replica answered 200").isZero();
            assertThat(fileDuplicates).isLessThanOrEqualTo(RESUME_WINDOW);
            // a call the killed replica was answering is sent again to another one, and only such a call
            assertThat(webhooks.retried).containsAll(webhookDuplicates);
            assertThat(logged(survivor, "big.ndjson was left in progress by an earlier run: resuming it after its"
                                        + " progress")).isTrue();
            assertThat(inbox.resolve(".inprogress")).isEmptyDirectory();
            // the killed replica's permits end with their lease; the survivors give theirs back as they go idle
            assertThat(permitsBackMillis).isLessThanOrEqualTo(Math.max(LEASE_MILLIS, survivorsIdleMillis) + 2000);
            for (String name : NAMES) {
                assertThat(Files.readString(log(name))).doesNotContain(PASSCODE).doesNotContain(WEBHOOK_SECRET);
            }
            for (String name : NAMES) {
                if (!name.equals(leader)) {
                    replicas.get(name).destroy();
                    assertThat(replicas.get(name).waitFor(30, TimeUnit.SECONDS)).isTrue();
                }
            }
        }
    }

    /** The replicas whose file consumer runs (the latest log line of master: says so). */
    private List<String> leaders() throws IOException {
        List<String> leaders = new ArrayList<>();
        for (String name : NAMES) {
            String log = Files.exists(log(name)) ? Files.readString(log(name)) : "";
            int taken = log.lastIndexOf("Leadership taken");
            if (taken >= 0 && taken > log.lastIndexOf("Leadership lost")) {
                leaders.add(name);
            }
        }
        return leaders;
    }

    private boolean logged(String name, String text) {
        try {
            return Files.exists(log(name)) && Files.readString(log(name)).contains(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path log(String name) {
        return work.resolve(name + ".log");
    }

    /** Written beside the inbox, then moved in at once. */
    private void dropFile(Path inbox, String name) throws IOException {
        Path file = work.resolve(name);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < FILE_RECORDS; i++) {
                out.write("{\"identity\": \"f-" + i + "\", \"Name\": \"File User " + i + "\"}\n");
            }
        }
        Files.move(file, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private Process startReplica(String name, CleverTapEmulator emulator, Path inbox, Path cluster, int port)
            throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                InboxReplicaMain.class.getName(), emulator.baseUri().toString(), REDIS.address(), ACCOUNT,
                inbox.toString(), cluster.toString(), String.valueOf(port));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile()));
        builder.environment().put("CLEVERTAP_PASSCODE", PASSCODE);
        builder.environment().put("CLEVERTAP_WEBHOOK_SECRET", WEBHOOK_SECRET);
        return builder.start();
    }

    /**
     * Webhook callers spreading their calls over the replicas round-robin, as a load balancer does: a call that gets
     * no 200 (the replica was killed while answering it, or is down) goes to the next replica.
     */
    private static final class Webhooks {

        private final Map<String, Integer> ports;
        private final Set<String> downReplicas = ConcurrentHashMap.newKeySet();
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final ExecutorService senders = Executors.newFixedThreadPool(WEBHOOK_SENDERS);
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        final Set<String> answered = ConcurrentHashMap.newKeySet();
        final Set<String> retried = ConcurrentHashMap.newKeySet();

        Webhooks(Map<String, Integer> ports) {
            this.ports = ports;
        }

        void start() {
            for (int s = 0; s < WEBHOOK_SENDERS; s++) {
                senders.execute(() -> {
                    // bounded: a run never sends more than this, however slow the replicas are
                    for (int n = 0; n < 2000 && !stopping.get(); n++) {
                        call(next.getAndIncrement());
                    }
                });
            }
        }

        /** The load balancer's health check failed: no more calls to {@code name}. */
        void down(String name) {
            downReplicas.add(name);
        }

        void stop() throws InterruptedException {
            stopping.set(true);
            senders.shutdown();
            assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        private void call(int i) {
            String identity = "w-" + i;
            String body = "{\"identity\": \"" + identity + "\", \"profileData\": {\"Name\": \"Webhook User " + i
                          + "\"}}";
            for (int attempt = 0; attempt < NAMES.size() * 2; attempt++) {
                String name = NAMES.get((i + attempt) % NAMES.size());
                if (downReplicas.contains(name)) {
                    continue;
                }
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(name)
                                                                        + "/signup"))
                        .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                        .header("X-Webhook-Secret", WEBHOOK_SECRET)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                try {
                    if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        answered.add(identity);
                        return;
                    }
                } catch (IOException e) {
                    // the replica was killed while answering, or refuses connections: the next one gets the call
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                retried.add(identity);
            }
            failed.incrementAndGet();
        }
    }
}
