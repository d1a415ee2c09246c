package io.github.camelclevertap.benchmarks;

import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Where and when the benchmark ran. */
record Environment(String date, int cores, String os, String jvm, long maxHeapBytes) {

    static Environment current() {
        return new Environment(
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vendor") + ")",
                Runtime.getRuntime().maxMemory());
    }

    String describe() {
        return String.format(Locale.ROOT, "Run %s on %d cores, %s, %s, benchmark JVM max heap %d MiB.", date, cores, os,
                jvm, maxHeapBytes / (1024 * 1024));
    }
}
