package io.github.camelclevertap.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import io.github.camelclevertap.emulator.EmulatorStats;

/**
 * The emulator's own JVM, driven by {@link ForkedEmulator} over standard input and output, so the benchmark's CPU
 * time and heap are the sender's alone. Arguments: {@code PASSCODE ACCOUNT...}. Commands, one a line: {@code latency
 * MILLIS}, {@code reset}, {@code hold} and {@code release} (an outage: no answer until released), {@code stats}; end
 * of input stops it.
 */
public final class EmulatorServer {

    private EmulatorServer() {
    }

    public static void main(String[] args) throws IOException {
        CleverTapEmulator.Builder builder = CleverTapEmulator.builder().retainRecords(false);
        for (int i = 1; i < args.length; i++) {
            builder.account(args[i], args[0]);
        }
        try (CleverTapEmulator emulator = builder.build().start();
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            System.out.println("READY " + emulator.baseUri());
            System.out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                String[] command = line.strip().split(" ");
                switch (command[0]) {
                    case "latency" -> {
                        emulator.setLatency(Duration.ofMillis(Long.parseLong(command[1])));
                        System.out.println("OK");
                    }
                    case "reset" -> {
                        emulator.reset();
                        System.out.println("OK");
                    }
                    case "hold" -> {
                        emulator.holdAnswers();
                        System.out.println("OK");
                    }
                    case "release" -> {
                        emulator.releaseAnswers();
                        System.out.println("OK");
                    }
                    case "stats" -> System.out.println("STATS " + stats(emulator));
                    default -> System.out.println("ERROR unknown command " + line);
                }
                System.out.flush();
            }
        }
    }

    private static String stats(CleverTapEmulator emulator) {
        EmulatorStats stats = emulator.stats();
        String statuses = stats.responsesByStatus().entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return stats.requests() + " " + stats.meanBatchSize() + " " + stats.peakInFlight() + " "
               + emulator.storedRecordCount() + " " + cpu + " " + (statuses.isEmpty() ? "-" : statuses);
    }
}
