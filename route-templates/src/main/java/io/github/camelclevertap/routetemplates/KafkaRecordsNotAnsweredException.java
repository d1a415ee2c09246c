package io.github.camelclevertap.routetemplates;

import java.util.Map;

/**
 * Fails a poll of `clevertap-kafka-source` in which CleverTap did not answer for some records (undelivered, of unknown
 * outcome, or not sent because the route stopped): their offsets were not committed, and camel-kafka reads them again
 * from the committed offsets.
 */
public class KafkaRecordsNotAnsweredException extends Exception {

    private final transient Map<String, Long> readAgainFrom;

    public KafkaRecordsNotAnsweredException(int unanswered, int polled, Map<String, Long> readAgainFrom) {
        super(unanswered + " of " + polled + " records got no answer from CleverTap; read again from " + readAgainFrom);
        this.readAgainFrom = Map.copyOf(readAgainFrom);
    }

    /** Per partition (topic-partition) with unanswered records, the offset it is read again from. */
    public Map<String, Long> getReadAgainFrom() {
        return readAgainFrom;
    }
}
