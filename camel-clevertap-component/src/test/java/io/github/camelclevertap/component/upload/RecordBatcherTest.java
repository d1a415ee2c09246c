package io.github.camelclevertap.component.upload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordBatcherTest {

    @Test
    void aRecordAddedAfterTheTimerStoppedGoesAtOnce() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.shutdown();
        List<List<PendingRecord>> sent = new ArrayList<>();
        RecordBatcher batcher = new RecordBatcher(1000, 600_000, timer, sent::add);

        batcher.add(new PendingRecord(Map.of("identity", "1"), 0, null));

        assertThat(sent).singleElement().satisfies(batch -> assertThat(batch).hasSize(1));
    }
}
