package io.github.camelclevertap.routetemplates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * The records of one poll of `clevertap-kafka-source` and what became of each: stored by CleverTap, dead-lettered
 * (rejected, and written to the dead-letter topic), or not answered. Offsets are committed in order per partition:
 * up to the last record before the partition's first unanswered one, so a commit never passes a record CleverTap did
 * not answer for.
 */
final class KafkaPollBatch {

    private static final int UNANSWERED = 0;
    private static final int STORED = 1;
    private static final int DEAD_LETTERED = 2;

    /** Where a record was read from, and camel-kafka's handle to commit up to it. */
    record Position(String topic, int partition, long offset, KafkaManualCommit commit) {

        String topicPartition() {
            return topic + "-" + partition;
        }
    }

    /**
     * What a commit did: records answered (stored or dead-lettered), records not answered, and per partition with
     * unanswered records the offset it is read again from.
     */
    record Outcome(int stored, int deadLettered, int unanswered, Map<String, Long> readAgainFrom) {
    }

    private final List<Position> positions;
    private final AtomicIntegerArray outcomes;

    KafkaPollBatch(List<Position> positions) {
        this.positions = List.copyOf(positions);
        this.outcomes = new AtomicIntegerArray(positions.size());
    }

    int size() {
        return positions.size();
    }

    Position position(int index) {
        return positions.get(index);
    }

    void stored(int index) {
        outcomes.set(index, STORED);
    }

    void deadLettered(int index) {
        outcomes.set(index, DEAD_LETTERED);
    }

    /**
     * Commits, per partition, the offset after the last record of its answered prefix (camel-kafka's manual commit
     * of that record commits its offset + 1), and tells what was left unanswered.
     */
    Outcome commit() {
        Map<String, List<Integer>> byPartition = new LinkedHashMap<>();
        for (int i = 0; i < positions.size(); i++) {
            byPartition.computeIfAbsent(positions.get(i).topicPartition(), key -> new ArrayList<>()).add(i);
        }
        int stored = 0;
        int deadLettered = 0;
        int unanswered = 0;
        Map<String, Long> readAgainFrom = new LinkedHashMap<>();
        for (Map.Entry<String, List<Integer>> partition : byPartition.entrySet()) {
            // a poll hands a partition's records over in offset order
            Position lastAnswered = null;
            boolean prefix = true;
            for (int index : partition.getValue()) {
                int outcome = outcomes.get(index);
                if (outcome == UNANSWERED) {
                    unanswered++;
                    if (prefix) {
                        readAgainFrom.put(partition.getKey(), positions.get(index).offset());
                    }
                    prefix = false;
                } else {
                    if (outcome == STORED) {
                        stored++;
                    } else {
                        deadLettered++;
                    }
                    if (prefix) {
                        lastAnswered = positions.get(index);
                    }
                }
            }
            if (lastAnswered != null) {
                lastAnswered.commit().commit();
            }
        }
        return new Outcome(stored, deadLettered, unanswered, readAgainFrom);
    }
}
