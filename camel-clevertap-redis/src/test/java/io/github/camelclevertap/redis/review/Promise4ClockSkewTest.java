package io.github.camelclevertap.redis.review;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.camelclevertap.component.upload.UploadPermits;
import io.github.camelclevertap.redis.RedisUploadPermits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Promise 4 (and 1): a live replica's permit, renewed while held, is never lost to expiry. Redisson's
 * RPermitExpirableSemaphore writes and checks lease ends with each client's own {@code System.currentTimeMillis()}:
 * a replica whose clock runs 30 s ahead (NTP off, a VM resumed) sees every other replica's lease (requestTimeout +
 * 10 s) as over, takes the slot back in its acquire script and is granted it while the live holder's request is in
 * flight. Needs libfaketime (Debian package faketime) to run the second replica with a skewed clock.
 *
 * <p>Not fixed in Redisson's scripts (they still take the client's clock): RedisUploadPermits compares the JVM's clock
 * with Redis' TIME at register and fails the endpoint's start when they differ by more than half the lease margin, so
 * the skewed replica here is refused ({@code RESULT REFUSED}) instead of taking the permit. A clock that drifts after
 * the start is not caught.
 */
class Promise4ClockSkewTest {

    private static final Path LIBFAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1");

    @RegisterExtension
    static final ReviewRedis REDIS = new ReviewRedis(false);

    private RedisUploadPermits replicaA;

    @AfterEach
    void stop() {
        if (replicaA != null) {
            replicaA.stop();
        }
    }

    @Test
    void aReplicaWithItsClockAheadDoesNotTakeALiveReplicasPermit() throws Exception {
        Assumptions.assumeTrue(Files.exists(LIBFAKETIME), "libfaketime is not installed (apt-get install faketime)");
        replicaA = new RedisUploadPermits();
        replicaA.setAddress(REDIS.address());
        replicaA.setKeyPrefix("review-skew:");
        replicaA.start();
        UploadPermits.AccountPermits a = replicaA.register("ACC-SKEW", 1, 1000);
        Grants heldByA = new Grants(a, false).ask(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> heldByA.granted() == 1);

        // replica B, 30 s ahead, asks for the account's only permit, held (and renewed) by A, for 5 s
        Path log = Files.createTempFile("skewed-replica-", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                SkewedClockReplica.class.getName(), REDIS.address(), "review-skew:", "ACC-SKEW", "5000"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("LD_PRELOAD", LIBFAKETIME.toString());
        builder.environment().put("FAKETIME", "+30s");
        builder.environment().put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
        Process replicaB = builder.start();
        assertThat(replicaB.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String result = Files.readAllLines(log).stream().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElse("RESULT (none printed) " + Files.readString(log));

        assertThat(heldByA.granted()).as("A still holds its permit").isEqualTo(1);
        // B must not be granted A's live permit: it either waits (NONE) or, as RedisUploadPermits now does, refuses to
        // register with a clock this far off Redis' TIME (fail fast at the endpoint's start)
        assertThat(result).as("what replica B (clock +30 s) got while A held the account's only permit")
                .satisfiesAnyOf(r -> assertThat(r).isEqualTo("RESULT NONE"),
                        r -> assertThat(r).startsWith("RESULT REFUSED").contains("NTP"));
        heldByA.releaseAll();
    }
}
