package io.github.camelclevertap.routetemplates;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;

/**
 * The `file:` consumer's poll strategy in a clustered file source: before the first poll of each consumer, that is
 * once each time this replica becomes the leader and `master:` starts its consumer, the files the previous leader
 * left in progress are moved back to be resumed ({@link RecordFileReader#resumeLeftInProgress()}). Before the poll,
 * so the consumer never picks up a file while they are moved. Without a cluster namespace it does nothing more than
 * Camel's default strategy (the reader resumes at start-up).
 */
public class LeaderResume extends DefaultPollingConsumerPollStrategy {

    private RecordFileReader reader;
    private Consumer resumedFor;

    /**
     * The file source's reader.
     */
    public void setReader(RecordFileReader reader) {
        this.reader = reader;
    }

    @Override
    public synchronized boolean begin(Consumer consumer, Endpoint endpoint) {
        if (reader != null && reader.isClustered() && consumer != resumedFor) {
            try {
                reader.resumeLeftInProgress();
            } catch (Exception e) {
                // no poll before the resume: Camel logs the failure, and the next poll tries again
                throw new IllegalStateException("Could not resume the files left in progress", e);
            }
            resumedFor = consumer;
            reader.leading(consumer);
        }
        return true;
    }
}
