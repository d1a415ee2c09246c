package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.component.CleverTapConstants;
import io.github.camelclevertap.component.CleverTapRecordRejectedException;
import io.github.camelclevertap.component.RejectedRecord;
import io.github.camelclevertap.component.mapping.CleverTapMappingException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
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

    private static final Logger LOG = LoggerFactory.getLogger(KafkaUpload.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Notes the position of every record of the poll, before the split hands them to the sink. */
    public void begin(Exchange exchange) {
        List<?> records = exchange.getMessage().getBody(List.class);
        List<KafkaPollBatch.Position> positions = new ArrayList<>(records.size());
        for (Object item : records) {
            Message record = ((Exchange) item).getMessage();
            positions.add(new KafkaPollBatch.Position(record.getHeader(KafkaConstants.TOPIC, String.class),
                    record.getHeader(KafkaConstants.PARTITION, Integer.class),
                    record.getHeader(KafkaConstants.OFFSET, Long.class),
                    record.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class)));
        }
        exchange.setProperty(BATCH, new KafkaPollBatch(positions));
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
        if (value instanceof String text) {
            JSON.readTree(text); // Jackson leaves the value out of its message
        } else if (value instanceof byte[] bytes) {
            JSON.readTree(bytes);
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
        }
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
        if (exchange.getProperty(DEAD_LETTER, false, Boolean.class)) {
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
        LOG.info("Kafka poll of {} records: {} stored, {} dead-lettered, {} not answered{}", batch.size(),
                outcome.stored(), outcome.deadLettered(), outcome.unanswered(),
                outcome.readAgainFrom().isEmpty() ? "" : "; read again from " + outcome.readAgainFrom());
        if (outcome.unanswered() > 0) {
            throw new KafkaRecordsNotAnsweredException(outcome.unanswered(), batch.size(), outcome.readAgainFrom());
        }
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
