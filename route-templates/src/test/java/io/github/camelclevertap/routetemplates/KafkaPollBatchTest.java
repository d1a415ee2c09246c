package io.github.camelclevertap.routetemplates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commit rule of the Kafka source: per partition, up to the last record before the first unanswered one, whatever
 * the order the partitions' records come in within a poll.
 */
class KafkaPollBatchTest {

    private final List<String> commits = new ArrayList<>();

    /** Records of partitions 0 and 1 interleaved, offsets 10.. and 20.. */
    private KafkaPollBatch poll() {
        List<KafkaPollBatch.Position> positions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            positions.add(position(0, 10 + i));
            positions.add(position(1, 20 + i));
        }
        return new KafkaPollBatch(positions);
    }

    private KafkaPollBatch.Position position(int partition, long offset) {
        return new KafkaPollBatch.Position("t", partition, offset, () -> commits.add(partition + "@" + offset));
    }

    @Test
    void everyRecordAnsweredCommitsTheLastOfEachPartition() {
        KafkaPollBatch batch = poll();
        for (int i = 0; i < batch.size(); i++) {
            if (i == 5) {
                batch.deadLettered(i);
            } else {
                batch.stored(i);
            }
        }

        KafkaPollBatch.Outcome outcome = batch.commit();

        assertThat(commits).containsExactly("0@13", "1@23");
        assertThat(outcome.stored()).isEqualTo(7);
        assertThat(outcome.deadLettered()).isEqualTo(1);
        assertThat(outcome.unanswered()).isZero();
        assertThat(outcome.readAgainFrom()).isEmpty();
        assertThat(outcome.committed()).containsOnly(Map.entry("t-0", 14L), Map.entry("t-1", 24L));
    }

    @Test
    void anUnansweredRecordStopsItsPartitionsCommitBeforeIt() {
        KafkaPollBatch batch = poll();
        for (int i = 0; i < batch.size(); i++) {
            // partition 1's offset 21 (index 3) gets no answer; the records after it were stored
            if (i != 3) {
                batch.stored(i);
            }
        }

        KafkaPollBatch.Outcome outcome = batch.commit();

        assertThat(commits).containsExactly("0@13", "1@20");
        assertThat(outcome.unanswered()).isEqualTo(1);
        assertThat(outcome.readAgainFrom()).containsExactly(Map.entry("t-1", 21L));
    }

    @Test
    void aPartitionWhoseFirstRecordIsUnansweredIsNotCommittedAtAll() {
        KafkaPollBatch batch = poll();
        for (int i = 2; i < batch.size(); i++) {
            batch.stored(i);
        }

        KafkaPollBatch.Outcome outcome = batch.commit();

        assertThat(commits).isEmpty();
        assertThat(outcome.unanswered()).isEqualTo(2);
        assertThat(outcome.readAgainFrom()).containsOnly(Map.entry("t-0", 10L), Map.entry("t-1", 20L));
    }
}
