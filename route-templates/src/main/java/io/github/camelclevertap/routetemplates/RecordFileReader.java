package io.github.camelclevertap.routetemplates;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Turns the file a `file:` consumer picked up into a lazy `Iterator` of records ({@link RecordFile}) for the
 * `clevertap:` producer, and keeps it in the exchange property {@link #RECORD_FILE} for {@link RecordFileReport}.
 * The file is closed when the exchange completes, whatever happened.
 */
public class RecordFileReader implements Processor {

    /** The exchange property holding the {@link RecordFile} being uploaded. */
    public static final String RECORD_FILE = "CamelCleverTapRecordFile";

    private String type = "profile";
    private String identityColumn;
    private String eventNameColumn;
    private String eventName;
    private long progressInterval = 10_000;

    /**
     * `profile` or `event`: the type of the records built from rows.
     */
    public void setType(String type) {
        String value = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
        if (!value.equals("profile") && !value.equals("event")) {
            throw new IllegalArgumentException("type must be profile or event, not '" + type + "'");
        }
        this.type = value;
    }

    /**
     * The column (or JSON key) giving the identity. Without it rows are sent as they are: full CleverTap records.
     */
    public void setIdentityColumn(String identityColumn) {
        this.identityColumn = blankToNull(identityColumn);
    }

    /**
     * The column giving the event name of each row.
     */
    public void setEventNameColumn(String eventNameColumn) {
        this.eventNameColumn = blankToNull(eventNameColumn);
    }

    /**
     * The event name of every row, when no column gives it.
     */
    public void setEventName(String eventName) {
        this.eventName = blankToNull(eventName);
    }

    /**
     * Milliseconds between two progress lines in the log; 0 for none.
     */
    public void setProgressInterval(long progressInterval) {
        this.progressInterval = progressInterval;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        if ("event".equals(type) && identityColumn != null && eventNameColumn == null && eventName == null) {
            throw new IllegalStateException("events built from rows need eventNameColumn or eventName");
        }
        File file = exchange.getMessage().getBody(File.class);
        RecordFile records = new RecordFile(Path.of(file.getPath()),
                new RecordFile.RowMapping(type, identityColumn, eventNameColumn, eventName), progressInterval);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                records.close();
            }
        });
        exchange.setProperty(RECORD_FILE, records);
        exchange.getMessage().setBody(records);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
