package io.github.camelclevertap.routetemplates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of one poll of `clevertap-kafka-source` and what became of each: stored by CleverTap, dead-lettered
 * (rejected, and written to the dead-letter topic), given up (rejected, but the dead-letter topic refused it past the
 * bound of attempts; logged as an ERROR), answered in an earlier poll (remembered by this consumer beyond its commit
 * point, not sent again), or not answered. Offsets are committed in order per partition: up to the last record before
 * the partition's first unanswered one, so a commit never passes a record CleverTap did not answer for.
 */
final class KafkaPollBatch {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPollBatch.class);

    static final int UNANSWERED = 0;
    static final int STORED = 1;
    static final int DEAD_LETTERED = 2;
    static final int GIVEN_UP = 3;
    static final int ANSWERED_BEFORE = 4;

    /** Where a record was read from, and camel-kafka's handle to commit up to it. */
    record Position(String topic, int partition, long offset, KafkaManualCommit commit) {

        String topicPartition() {
            return topic + "-" + partition;
        }
    }

    /**
     * What a commit did: records answered (stored, dead-lettered, given up, answered in an earlier poll), records not
     * answered, per partition with unanswered records the offset it is read again from, per partition the offsets
     * answered in this poll, and per partition whose commit succeeded the next offset committed.
     */
    record Outcome(int stored, int deadLettered, int givenUp, int answeredBefore, int unanswered,
                   Map<String, Long> readAgainFrom, Map<String, List<Long>> answered, Map<String, Long> committed) {
    }

    private final List<Position> positions;
    private final AtomicIntegerArray outcomes;
    private final int sent;

    /**
     * @param sent           the records handed to the sink, in the order of the split (split index = list index)
     * @param answeredBefore records of the poll answered in an earlier poll: not sent, but part of the commit
     */
    KafkaPollBatch(List<Position> sent, List<Position> answeredBefore) {
        List<Position> all = new ArrayList<>(sent);
        all.addAll(answeredBefore);
        this.positions = List.copyOf(all);
        this.sent = sent.size();
        this.outcomes = new AtomicIntegerArray(all.size());
        for (int i = sent.size(); i < all.size(); i++) {
            outcomes.set(i, ANSWERED_BEFORE);
        }
    }

    KafkaPollBatch(List<Position> positions) {
        this(positions, List.of());
    }

    /** The records handed to the sink. */
    int size() {
        return sent;
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

    void givenUp(int index) {
        outcomes.set(index, GIVEN_UP);
    }

    /**
     * Commits, per partition, the offset after the last record of its answered prefix (camel-kafka's manual commit
     * of that record commits its offset + 1), and tells what was left unanswered. A commit that fails (the consumer
     * lost its group membership, for one) is logged once and not retried: the partition's next owner reads the
     * records after the last successful commit again.
     */
    Outcome commit() {
        Map<String, List<Integer>> byPartition = new LinkedHashMap<>();
        for (int i = 0; i < positions.size(); i++) {
            byPartition.computeIfAbsent(positions.get(i).topicPartition(), key -> new ArrayList<>()).add(i);
        }
        int stored = 0;
        int deadLettered = 0;
        int givenUp = 0;
        int answeredBefore = 0;
        int unanswered = 0;
        Map<String, Long> readAgainFrom = new LinkedHashMap<>();
        Map<String, List<Long>> answered = new LinkedHashMap<>();
        Map<String, Long> committed = new LinkedHashMap<>();
        for (Map.Entry<String, List<Integer>> partition : byPartition.entrySet()) {
            List<Integer> indexes = partition.getValue();
            indexes.sort(Comparator.comparingLong(i -> positions.get(i).offset()));
            Position lastAnswered = null;
            boolean prefix = true;
            List<Long> answeredHere = new ArrayList<>();
            for (int index : indexes) {
                int outcome = outcomes.get(index);
                if (outcome == UNANSWERED) {
                    unanswered++;
                    if (prefix) {
                        readAgainFrom.put(partition.getKey(), positions.get(index).offset());
                    }
                    prefix = false;
                    continue;
                }
                switch (outcome) {
                    case STORED -> stored++;
                    case DEAD_LETTERED -> deadLettered++;
                    case GIVEN_UP -> givenUp++;
                    default -> answeredBefore++;
                }
                if (outcome != ANSWERED_BEFORE) {
                    answeredHere.add(positions.get(index).offset());
                }
                if (prefix) {
                    lastAnswered = positions.get(index);
                }
            }
            answered.put(partition.getKey(), answeredHere);
            if (lastAnswered != null) {
                try {
                    lastAnswered.commit().commit();
                    committed.put(partition.getKey(), lastAnswered.offset() + 1);
                } catch (RuntimeException e) {
                    LOG.warn("Commit of {} up to offset {} failed ({}: {}); not retried. Its records from the last"
                             + " committed offset on are read again by the partition's next owner: this consumer"
                             + " skips those CleverTap answered for, another consumer sends them again (duplicates)."
                             + " A poll whose answers take longer than maxPollIntervalMs loses the group membership",
                            partition.getKey(), lastAnswered.offset() + 1, e.getClass().getSimpleName(),
                            e.getMessage());
                }
            }
        }
        return new Outcome(stored, deadLettered, givenUp, answeredBefore, unanswered, readAgainFrom, answered,
                committed);
    }
}
