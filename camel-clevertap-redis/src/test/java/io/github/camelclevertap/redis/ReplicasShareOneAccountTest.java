package io.github.camelclevertap.redis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three replica JVMs, one account, one CleverTap (the emulator, which answers 429 past 15 requests in flight): the
 * Redis permits keep the account at 15 in flight together. One replica is killed with SIGKILL mid-run; its permits
 * come back when their lease ends, and when it is started again it sends what it had not acknowledged.
 */
class ReplicasShareOneAccountTest {

    private static final String ACCOUNT = "ACC-REPLICAS";
    private static final String PASSCODE = "pc-replicas";
    private static final int BODIES = 60;
    private static final int RECORDS_PER_BODY = 250;
    private static final int SENDERS = 8;
    private static final long LEASE_MILLIS = 3000;

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @TempDir
    Path work;

    @Test
    void threeReplicasNeverExceedFifteenAndAKilledOneGivesItsPermitsBackAfterTheLease() throws Exception {
        try (CleverTapEmulator emulator = CleverTapEmulator.builder().account(ACCOUNT, PASSCODE)
                .latency(Duration.ofMillis(300)).build().start();
             RedisUploadPermits probe = new RedisUploadPermits()) {
            // connected before the clock matters
            probe.setAddress(REDIS.address());
            probe.start();
            long started = System.nanoTime();
            Map<String, Process> replicas = new HashMap<>();
            for (String name : List.of("A", "B", "C")) {
                replicas.put(name, startReplica(name, emulator));
            }
            Path killedProgress = work.resolve("C.progress");
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(20))
                    .until(() -> acknowledged(killedProgress) >= 6);
            replicas.get("C").destroyForcibly();
            long killedAt = System.nanoTime();
            replicas.get("C").waitFor(10, TimeUnit.SECONDS);
            int unacknowledgedAtKill = BODIES - acknowledged(killedProgress);

            for (String name : List.of("A", "B")) {
                assertThat(replicas.get(name).waitFor(60, TimeUnit.SECONDS)).as("replica %s finished", name).isTrue();
                assertThat(replicas.get(name).exitValue()).isZero();
                assertThat(Files.readString(log(name))).contains("REPLICA " + name + " FINISHED failed=0");
            }
            long survivorsDoneMillis = (System.nanoTime() - killedAt) / 1_000_000;
            await().atMost(Duration.ofMillis(LEASE_MILLIS + 10_000)).pollInterval(Duration.ofMillis(20))
                    .until(() -> probe.availablePermits(ACCOUNT) == 15);
            long permitsBackMillis = (System.nanoTime() - killedAt) / 1_000_000;

            Process restarted = startReplica("C", emulator);
            assertThat(restarted.waitFor(60, TimeUnit.SECONDS)).as("replica C restarted and finished").isTrue();
            assertThat(Files.readString(log("C"))).contains("REPLICA C FINISHED failed=0");

            Map<String, Integer> copies = new HashMap<>();
            for (Map<String, Object> record : emulator.storedRecords(ACCOUNT)) {
                copies.merge((String) record.get("identity"), 1, Integer::sum);
            }
            List<String> missing = new ArrayList<>();
            for (String name : List.of("A", "B", "C")) {
                for (int b = 0; b < BODIES; b++) {
                    for (int r = 0; r < RECORDS_PER_BODY; r++) {
                        if (!copies.containsKey(name + "-" + b + "-" + r)) {
                            missing.add(name + "-" + b + "-" + r);
                        }
                    }
                }
            }
            long duplicates = copies.values().stream().mapToInt(n -> n - 1).sum();
            List<String> duplicatedOutsideC = copies.entrySet().stream()
                    .filter(e -> e.getValue() > 1 && !e.getKey().startsWith("C-")).map(Map.Entry::getKey).toList();
            int peak = emulator.stats().peakInFlight(ACCOUNT);
            long tooMany = emulator.stats().responses(429);
            System.out.printf("3 replicas x %d bodies x %d records: peak in flight %d, 429s %d, missing %d, "
                              + "duplicated %d (C had %d bodies = %d records unacknowledged at its kill), "
                              + "all 15 permits back %d ms after the kill (lease %d ms; A and B done %d ms after it), "
                              + "whole run %d ms%n",
                    BODIES, RECORDS_PER_BODY, peak, tooMany, missing.size(), duplicates, unacknowledgedAtKill,
                    unacknowledgedAtKill * RECORDS_PER_BODY, permitsBackMillis, LEASE_MILLIS, survivorsDoneMillis,
                    (System.nanoTime() - started) / 1_000_000);

            assertThat(peak).isLessThanOrEqualTo(15);
            assertThat(tooMany).isZero();
            assertThat(missing).isEmpty();
            assertThat(duplicatedOutsideC).isEmpty();
            // only the killed replica's bodies in flight, at most one request per sender
            assertThat(duplicates).isLessThanOrEqualTo((long) Math.min(SENDERS, unacknowledgedAtKill) * RECORDS_PER_BODY);
            // the killed replica's permits end with their lease; the survivors give theirs back as they stop
            assertThat(permitsBackMillis).isLessThanOrEqualTo(Math.max(LEASE_MILLIS, survivorsDoneMillis) + 2000);
        }
    }

    private int acknowledged(Path progress) throws Exception {
        return Files.exists(progress) ? (int) Files.readAllLines(progress).stream().filter(l -> !l.isBlank()).count()
                : 0;
    }

    private Path log(String name) {
        return work.resolve(name + ".log");
    }

    private Process startReplica(String name, CleverTapEmulator emulator) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ReplicaMain.class.getName(), name, emulator.baseUri().toString(), REDIS.address(), ACCOUNT,
                String.valueOf(BODIES), String.valueOf(RECORDS_PER_BODY), String.valueOf(SENDERS),
                work.resolve(name + ".progress").toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile()));
        builder.environment().put("CLEVERTAP_PASSCODE", PASSCODE);
        return builder.start();
    }
}
