package io.github.camelclevertap.benchmarks;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Not a way to use Camel but the yardstick of the emulator: the JDK HTTP client posts pre-built 1000-record bodies,
 * 15 at a time, doing nothing else. What it reaches is the most this emulator on this machine lets any client reach.
 */
final class EmulatorCeilingCase implements BenchmarkCase {

    private static final int BATCH = 1000;
    private static final int CONCURRENCY = 15;
    private static final int DISTINCT_BODIES = 16;

    @Override
    public String id() {
        return "emulator-ceiling";
    }

    @Override
    public String title() {
        return "emulator ceiling: raw JDK HttpClient, pre-built 1000-record bodies";
    }

    @Override
    public long records(int latencyMillis) {
        if (latencyMillis >= 100) {
            return 450_000;
        }
        return latencyMillis >= 20 ? 1_000_000 : 1_500_000;
    }

    @Override
    public Run prepare(Trial trial) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<byte[]> bodies = new ArrayList<>();
        for (int b = 0; b < DISTINCT_BODIES; b++) {
            List<Object> records = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                records.add(Records.event((long) b * BATCH + i));
            }
            bodies.add(mapper.writeValueAsBytes(Map.of("d", records)));
        }
        long remainder = trial.records() % BATCH;
        byte[] last = remainder == 0 ? null : mapper.writeValueAsBytes(Map.of("d",
                LongStream.range(0, remainder).mapToObj(Records::event).toList()));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return new Run() {
            @Override
            public Outcome execute() throws Exception {
                long requests = (trial.records() + BATCH - 1) / BATCH;
                Semaphore slots = new Semaphore(CONCURRENCY);
                AtomicLong acknowledged = new AtomicLong();
                AtomicLong failed = new AtomicLong();
                CountDownLatch done = new CountDownLatch((int) requests);
                for (long r = 0; r < requests; r++) {
                    boolean partial = last != null && r == requests - 1;
                    byte[] body = partial ? last : bodies.get((int) (r % DISTINCT_BODIES));
                    long size = partial ? remainder : BATCH;
                    slots.acquire();
                    HttpRequest request = HttpRequest.newBuilder(trial.uploadUri())
                            .header("X-CleverTap-Account-Id", trial.accountId())
                            .header("X-CleverTap-Passcode", trial.passcode())
                            .header("Content-Type", "application/json; charset=utf-8")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build();
                    client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, e) -> {
                        (e == null && response.statusCode() == 200 ? acknowledged : failed).addAndGet(size);
                        slots.release();
                        done.countDown();
                    });
                }
                if (!done.await(10, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("The emulator did not answer every request in 10 minutes");
                }
                return new Outcome(acknowledged.get(), failed.get(), 0);
            }

            @Override
            public void close() {
                // the JDK 17 client has no close(); its idle connections go with it
            }
        };
    }
}
