package io.github.camelclevertap.examples.quarkus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.camelclevertap.emulator.CleverTapEmulator;
import io.quarkus.logging.Log;

/**
 * Logs, once a second, the records the emulator stored since the last look: the other half of "what was sent", for
 * someone watching the console.
 */
final class StoredRecordsLog implements AutoCloseable {

    private static final int SHOWN = 3;

    private final CleverTapEmulator emulator;
    private final ScheduledExecutorService timer;
    private long seen;

    private StoredRecordsLog(CleverTapEmulator emulator) {
        this.emulator = emulator;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "clevertap-emulator-log");
            thread.setDaemon(true);
            return thread;
        });
    }

    static StoredRecordsLog start(CleverTapEmulator emulator) {
        StoredRecordsLog log = new StoredRecordsLog(emulator);
        log.timer.scheduleWithFixedDelay(log::logNewRecords, 1, 1, TimeUnit.SECONDS);
        return log;
    }

    private void logNewRecords() {
        long total = emulator.storedRecordCount();
        if (total <= seen) {
            return;
        }
        long fresh = total - seen;
        List<Map<String, Object>> all = emulator.storedRecords();
        List<Map<String, Object>> shown = all.subList((int) Math.min(seen, all.size()),
                (int) Math.min(seen + SHOWN, all.size()));
        seen = total;
        Log.infof("CleverTap emulator stored %d new record(s), %d in all: %s%s", fresh, total, shown,
                fresh > shown.size() ? " and " + (fresh - shown.size()) + " more" : "");
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
