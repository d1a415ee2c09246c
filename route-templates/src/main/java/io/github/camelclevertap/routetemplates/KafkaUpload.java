package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.component.CleverTapConstants;
import io.github.camelclevertap.component.CleverTapRecordRejectedException;
import io.github.camelclevertap.component.RejectedRecord;
import io.github.camelclevertap.component.mapping.CleverTapMappingException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of `clevertap-kafka-source` around the sink, for one poll of camel-kafka's batching consumer (a `List` of
 * record exchanges):
 * <ol>
 * <li>{@link #begin(Exchange)}: notes where each record was read from;</li>
 * <li>in a parallel split, one exchange per record: {@link #unwrap(Exchange)} makes the record's value and headers the
 * message, the sink answers, {@link #failed(Exchange)} or {@link #answered(Exchange)} prepares a rejected record for
 * the dead-letter topic, and {@link #done(Exchange)} notes the record as answered once it is stored or
 * dead-lettered;</li>
 * <li>{@link #acknowledge(Exchange)}: commits, per partition, up to the last record before the first unanswered one,
 * and fails the poll when a record was not answered, so camel-kafka (breakOnFirstError) reads again from the committed
 * offsets.</li>
 * </ol>
 */
public class KafkaUpload {

    /** Dead-letter headers: CleverTap's code and error, and where the record was read from. */
    public static final String CODE = "clevertap.code";
    public static final String ERROR = "clevertap.error";
    public static final String SOURCE_TOPIC = "clevertap.source.topic";
    public static final String SOURCE_PARTITION = "clevertap.source.partition";
    public static final String SOURCE_OFFSET = "clevertap.source.offset";

    static final String BATCH = "CleverTapKafkaBatch";
    static final String VALUE = "CleverTapKafkaValue";
    static final String DEAD_LETTER = "CleverTapKafkaDeadLetter";
    static final String GIVEN_UP = "CleverTapKafkaDeadLetterGivenUp";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaUpload.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What this consumer knows of a partition beyond the group's committed offset, in memory only (lost on restart):
     * the next offset it committed, the offsets it answered for (stored, dead-lettered or given up) that are not
     * committed yet because an earlier record of the partition got no answer or the commit failed, and the failed
     * dead-letter writes per offset.
     */
    private static final class PartitionMemory {
        volatile long committedNext = -1;
        final NavigableSet<Long> answered = new ConcurrentSkipListSet<>();
        final Map<Long, Integer> deadLetterFailures = new ConcurrentHashMap<>();

        synchronized void committed(long next) {
            if (next > committedNext) {
                committedNext = next;
            }
            answered.headSet(committedNext).clear();
            deadLetterFailures.keySet().removeIf(offset -> offset < committedNext);
        }
    }

    private final Map<String, PartitionMemory> memory = new ConcurrentHashMap<>();
    private int deadLetterAttempts = 3;

    /**
     * How many times a rejected record's write to the dead-letter topic may fail (each failure reads the record
     * again) before it is given up: logged as an ERROR with its position, code and reason, and committed.
     */
    public void setDeadLetterAttempts(int deadLetterAttempts) {
        if (deadLetterAttempts < 1) {
            throw new IllegalArgumentException("deadLetterAttempts must be at least 1, but is " + deadLetterAttempts);
        }
        this.deadLetterAttempts = deadLetterAttempts;
    }

    public int getDeadLetterAttempts() {
        return deadLetterAttempts;
    }

    private PartitionMemory memory(String topicPartition) {
        return memory.computeIfAbsent(topicPartition, key -> new PartitionMemory());
    }

    /**
     * Notes the position of every record of the poll, before the split hands them to the sink, and leaves out of the
     * split: a (partition, offset) the poll holds twice (camel-kafka's batch buffer outlives a rebalance, so a
     * re-fetched record can sit beside its first copy; the last copy is kept), a record below the offset this
     * consumer already committed for its partition, and a record this consumer already answered for beyond its commit
     * point (it takes part in the commit, but is not sent again).
     */
    public void begin(Exchange exchange) {
        List<?> records = exchange.getMessage().getBody(List.class);
        List<KafkaPollBatch.Position> all = new ArrayList<>(records.size());
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            Message record = ((Exchange) records.get(i)).getMessage();
            KafkaPollBatch.Position position = new KafkaPollBatch.Position(
                    record.getHeader(KafkaConstants.TOPIC, String.class),
                    record.getHeader(KafkaConstants.PARTITION, Integer.class),
                    record.getHeader(KafkaConstants.OFFSET, Long.class),
                    record.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class));
            all.add(position);
            last.put(position.topicPartition() + "@" + position.offset(), i);
        }
        Set<TopicPartition> assigned = all.isEmpty() ? null : assignment(all.get(all.size() - 1));
        List<Object> sent = new ArrayList<>(records.size());
        List<KafkaPollBatch.Position> sentPositions = new ArrayList<>(records.size());
        List<KafkaPollBatch.Position> answeredBefore = new ArrayList<>();
        int repeated = 0;
        int belowCommit = 0;
        int revoked = 0;
        for (int i = 0; i < records.size(); i++) {
            KafkaPollBatch.Position position = all.get(i);
            if (last.get(position.topicPartition() + "@" + position.offset()) != i) {
                repeated++;
                continue;
            }
            if (assigned != null && !assigned.contains(new TopicPartition(position.topic(), position.partition()))) {
                revoked++;
                continue;
            }
            PartitionMemory known = memory.get(position.topicPartition());
            if (known != null && position.offset() < known.committedNext) {
                belowCommit++;
                continue;
            }
            if (known != null && known.answered.contains(position.offset())) {
                answeredBefore.add(position);
                continue;
            }
            sent.add(records.get(i));
            sentPositions.add(position);
        }
        if (revoked > 0) {
            LOG.info("Kafka poll of {} records: {} of partitions no longer assigned to this consumer are left to their"
                     + " new owner, which reads them from the committed offsets", records.size(), revoked);
        }
        if (repeated > 0 || belowCommit > 0 || !answeredBefore.isEmpty()) {
            LOG.info("Kafka poll of {} records: {} not sent again ({} held twice in the poll, {} below the offsets this"
                     + " consumer committed, {} answered in an earlier poll beyond them)",
                    records.size(), repeated + belowCommit + answeredBefore.size(), repeated, belowCommit,
                    answeredBefore.size());
        }
        exchange.getMessage().setBody(sent);
        exchange.setProperty(BATCH, new KafkaPollBatch(sentPositions, answeredBefore));
    }

    /**
     * The partitions assigned to the consumer that read the poll's newest record, or null when they cannot be told
     * (another commit factory, or a consumer already closed). The route runs on the consumer's polling thread, the
     * only thread that may use it.
     */
    private static Set<TopicPartition> assignment(KafkaPollBatch.Position newest) {
        if (!(newest.commit() instanceof DefaultKafkaManualCommit commit)) {
            return null;
        }
        try {
            return commit.getCamelExchangePayload().consumer.assignment();
        } catch (RuntimeException e) {
            LOG.debug("The consumer's assignment cannot be told ({}); no record is left out for it", e.toString());
            return null;
        }
    }

    /**
     * Makes one record's value and headers the message of its split exchange. A value that is empty or not JSON can
     * never be uploaded: it fails here, to go to the dead-letter topic rather than be read again forever.
     */
    public void unwrap(Exchange exchange) throws IOException {
        Message record = exchange.getMessage().getBody(Exchange.class).getMessage();
        Map<String, Object> headers = new HashMap<>(record.getHeaders());
        headers.remove(KafkaConstants.MANUAL_COMMIT); // the commit is this Kamelet's, in order
        Object value = record.getBody();
        exchange.getMessage().setHeaders(headers);
        exchange.getMessage().setBody(value);
        exchange.setProperty(VALUE, value);
        if (value == null) {
            throw new CleverTapMappingException("the Kafka record has no value", null, null, null);
        }
        JsonNode json = null;
        if (value instanceof String text) {
            json = JSON.readTree(text); // Jackson leaves the value out of its message
        } else if (value instanceof byte[] bytes) {
            json = JSON.readTree(bytes);
        } else {
            return;
        }
        if (json == null || json.isMissingNode()) {
            throw new CleverTapMappingException("the Kafka record's value is empty or only whitespace: it must be a"
                                                + " JSON record", null, null, null);
        }
        if (json.isNull()) {
            throw new CleverTapMappingException("the Kafka record's value is the JSON literal null: it must be a"
                                                + " JSON record", null, null, null);
        }
    }

    /**
     * After the sink answered without an exception: a value holding several records (a JSON array) may still have
     * some rejected, listed in the sink's header; the value then goes to the dead-letter topic with their codes.
     */
    public void answered(Exchange exchange) {
        List<?> rejections = exchange.getMessage().getHeader(CleverTapConstants.REJECTED_RECORDS, List.class);
        if (rejections == null || rejections.isEmpty()) {
            return;
        }
        List<RejectedRecord> rejected = rejections.stream().map(RejectedRecord.class::cast).toList();
        deadLetter(exchange, rejected.stream().map(r -> String.valueOf(r.code())).collect(Collectors.joining(",")),
                rejected.stream().map(RejectedRecord::toString).collect(Collectors.joining("; ")));
    }

    /**
     * In the catch of the sink's failure: a record rejected by CleverTap or the local checks, or a value that is not
     * JSON or cannot be mapped, is prepared for the dead-letter topic; any other failure leaves the record unanswered.
     */
    public void failed(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        CleverTapRecordRejectedException rejected = find(failure, CleverTapRecordRejectedException.class);
        CleverTapMappingException mapping = find(failure, CleverTapMappingException.class);
        JsonProcessingException notJson = find(failure, JsonProcessingException.class);
        if (rejected != null) {
            deadLetter(exchange, String.valueOf(rejected.getCode()), rejected.getError());
        } else if (mapping != null) {
            deadLetter(exchange, null, mapping.getMessage());
        } else if (notJson != null) {
            deadLetter(exchange, null, "the value is not JSON: " + notJson.getOriginalMessage());
        } else {
            KafkaPollBatch.Position position = position(exchange);
            LOG.warn("Record of {} at offset {} got no answer from CleverTap ({}); it is read again", 
                    position.topicPartition(), position.offset(), describe(failure));
        }
    }

    /**
     * In the catch of a failed write to the dead-letter topic: logs its cause; the record stays unanswered and is read
     * again, until the write failed Dead-Letter Attempts times for it: then it is given up, logged as an ERROR with
     * its position, CleverTap's code and the reason, and counted as answered (committed).
     */
    public void deadLetterFailed(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        KafkaPollBatch.Position position = position(exchange);
        Message message = exchange.getMessage();
        int failures = memory(position.topicPartition()).deadLetterFailures.merge(position.offset(), 1, Integer::sum);
        exchange.setProperty(DEAD_LETTER, false);
        if (failures >= deadLetterAttempts) {
            LOG.error("Rejected record of {} at offset {} given up: the dead-letter topic refused it {} times ({});"
                      + " it is committed without being dead-lettered. code {}, reason: {}",
                    position.topicPartition(), position.offset(), failures, describe(failure),
                    message.getHeader(CODE) == null ? "none" : message.getHeader(CODE),
                    shorten(message.getHeader(ERROR, String.class)));
            exchange.setProperty(GIVEN_UP, true);
        } else {
            LOG.warn("Rejected record of {} at offset {} could not be written to the dead-letter topic ({}), attempt {}"
                     + " of {}; it is read again", position.topicPartition(), position.offset(), describe(failure),
                    failures, deadLetterAttempts);
        }
    }

    private static String shorten(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static String describe(Throwable failure) {
        if (failure == null) {
            return "no exception";
        }
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < 1000; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append("; caused by ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(shorten(t.getMessage()));
        }
        return text.toString();
    }

    private static void deadLetter(Exchange exchange, String code, String error) {
        KafkaPollBatch.Position position = position(exchange);
        Message message = exchange.getMessage();
        message.removeHeaders("CamelCleverTap*");
        if (code != null) {
            message.setHeader(CODE, code);
        }
        message.setHeader(ERROR, error);
        message.setHeader(SOURCE_TOPIC, position.topic());
        message.setHeader(SOURCE_PARTITION, String.valueOf(position.partition()));
        message.setHeader(SOURCE_OFFSET, String.valueOf(position.offset()));
        message.setBody(exchange.getProperty(VALUE));
        exchange.setProperty(DEAD_LETTER, true);
    }

    /**
     * Notes the record as answered: stored, or in the dead-letter topic (this step runs only once the topic took
     * it). A record whose sink failed otherwise stays unanswered.
     */
    public void done(Exchange exchange) {
        KafkaPollBatch batch = exchange.getProperty(BATCH, KafkaPollBatch.class);
        int index = exchange.getProperty(Exchange.SPLIT_INDEX, Integer.class);
        if (exchange.getProperty(GIVEN_UP, false, Boolean.class)) {
            batch.givenUp(index);
        } else if (exchange.getProperty(DEAD_LETTER, false, Boolean.class)) {
            batch.deadLettered(index);
        } else if (exchange.getProperty(Exchange.EXCEPTION_CAUGHT) == null) {
            batch.stored(index);
        }
    }

    /**
     * Commits what was answered, in order per partition, and fails the poll if any record was not answered: those
     * records and the ones after them in their partitions are read again.
     */
    public void acknowledge(Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failure instanceof KafkaRecordsNotAnsweredException) {
            throw failure; // thrown by this step in the try, now in the catch: the poll was acknowledged
        }
        KafkaPollBatch batch = exchange.getProperty(BATCH, KafkaPollBatch.class);
        if (batch == null) {
            throw failure != null ? failure : new IllegalStateException("no poll to acknowledge");
        }
        KafkaPollBatch.Outcome outcome = batch.commit();
        outcome.answered().forEach((partition, offsets) -> memory(partition).answered.addAll(offsets));
        outcome.committed().forEach((partition, next) -> memory(partition).committed(next));
        LOG.info("Kafka poll of {} records: {} stored, {} dead-lettered, {} given up, {} answered before, {} not"
                 + " answered{}", batch.size(), outcome.stored(), outcome.deadLettered(), outcome.givenUp(),
                outcome.answeredBefore(), outcome.unanswered(),
                outcome.readAgainFrom().isEmpty() ? "" : "; read again from " + outcome.readAgainFrom());
        if (outcome.unanswered() > 0) {
            throw new KafkaRecordsNotAnsweredException(outcome.unanswered(), batch.size(), outcome.readAgainFrom());
        }
    }

    /**
     * The catch of the poll: logs what failed it (unless it is this bean's own {@link KafkaRecordsNotAnsweredException}),
     * then acknowledges it.
     */
    public void pollFailed(Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (!(failure instanceof KafkaRecordsNotAnsweredException)) {
            LOG.warn("Kafka poll failed ({}); what CleverTap answered for is committed, the rest read again",
                    describe(failure));
        }
        acknowledge(exchange);
    }

    private static KafkaPollBatch.Position position(Exchange exchange) {
        return exchange.getProperty(BATCH, KafkaPollBatch.class)
                .position(exchange.getProperty(Exchange.SPLIT_INDEX, Integer.class));
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
