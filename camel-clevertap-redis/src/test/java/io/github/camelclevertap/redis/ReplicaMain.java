package io.github.camelclevertap.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * One replica: Camel Main with the clevertap component and Redis permits configured by properties, as a user would,
 * sending bulk bodies from several threads. A body is acknowledged in the progress file once its exchange completed
 * without error (CleverTap answered for all its records); a restarted replica sends only the bodies not acknowledged.
 *
 * <p>Arguments: name, emulator base URI, Redis address, account id, bodies, records per body, senders, progress file.
 */
public final class ReplicaMain {

    private ReplicaMain() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        int bodies = Integer.parseInt(args[4]);
        int recordsPerBody = Integer.parseInt(args[5]);
        int senders = Integer.parseInt(args[6]);
        Path progress = Path.of(args[7]);
        Main main = new Main();
        main.addInitialProperty("camel.component.clevertap.region", "eu1");
        main.addInitialProperty("camel.component.clevertap.accountId", args[3]);
        main.addInitialProperty("camel.component.clevertap.baseUri", args[1]);
        main.addInitialProperty("camel.component.clevertap.batchSize", String.valueOf(recordsPerBody));
        main.addInitialProperty("camel.component.clevertap.requestTimeout", "2000");
        main.addInitialProperty("camel.beans.clevertapPermits", "#class:" + RedisUploadPermits.class.getName());
        main.addInitialProperty("camel.beans.clevertapPermits.address", args[2]);
        main.addInitialProperty("camel.beans.clevertapPermits.leaseTime", "3000");
        main.addInitialProperty("camel.beans.clevertapPermits.waitTime", "500");
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport support) {
                CamelContext context = support.getCamelContext();
                Thread sending = new Thread(() -> {
                    try {
                        int failed = send(context, name, bodies, recordsPerBody, senders, progress);
                        System.out.println("REPLICA " + name + " FINISHED failed=" + failed);
                    } catch (Exception e) {
                        e.printStackTrace();
                    } finally {
                        main.completed();
                    }
                }, "replica-sender");
                sending.start();
            }
        });
        main.run(new String[0]);
    }

    private static int send(CamelContext context, String name, int bodies, int recordsPerBody, int senders,
                            Path progress) throws Exception {
        Set<Integer> done = new HashSet<>();
        if (Files.exists(progress)) {
            for (String line : Files.readAllLines(progress)) {
                if (!line.isBlank()) {
                    done.add(Integer.parseInt(line.trim()));
                }
            }
        }
        ProducerTemplate template = context.createProducerTemplate();
        String uri = "clevertap:event";
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        for (int b = 0; b < bodies; b++) {
            if (done.contains(b)) {
                continue;
            }
            int body = b;
            pool.execute(() -> {
                List<Map<String, Object>> records = new ArrayList<>(recordsPerBody);
                for (int r = 0; r < recordsPerBody; r++) {
                    records.add(Map.of("identity", name + "-" + body + "-" + r, "evtName", "Replica Sent",
                            "evtData", Map.of("body", body)));
                }
                Exchange exchange = template.send(uri, e -> e.getMessage().setBody(records));
                if (exchange.getException() == null) {
                    acknowledge(progress, body);
                } else {
                    failed.incrementAndGet();
                    System.out.println("REPLICA " + name + " body " + body + " failed: " + exchange.getException());
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        return failed.get();
    }

    private static synchronized void acknowledge(Path progress, int body) {
        try {
            Files.writeString(progress, body + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
