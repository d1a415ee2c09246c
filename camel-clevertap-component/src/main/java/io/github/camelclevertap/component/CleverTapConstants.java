package io.github.camelclevertap.component;

import org.apache.camel.spi.Metadata;

/**
 * Message headers read and written by the CleverTap producer.
 */
public final class CleverTapConstants {

    @Metadata(description = "The `identity` of the user, for a body that holds only the profile or event properties.",
              javaType = "String")
    public static final String IDENTITY = "CamelCleverTapIdentity";
    @Metadata(description = "The CleverTap `objectId` of the user, for a body that holds only the profile or event properties.",
              javaType = "String")
    public static final String OBJECT_ID = "CamelCleverTapObjectId";
    @Metadata(description = "The `evtName` of the event, for a body that holds only the event properties.",
              javaType = "String")
    public static final String EVENT_NAME = "CamelCleverTapEventName";
    @Metadata(description = "The `ts` of the record, for a body that holds only the properties: epoch seconds, epoch"
                            + " milliseconds (a whole number from 100,000,000,000 on), an `Instant`, `OffsetDateTime`,"
                            + " `ZonedDateTime`, `Date` or ISO-8601 text with an offset; sent as epoch seconds.",
              javaType = "Object")
    public static final String TIMESTAMP = "CamelCleverTapTimestamp";
    @Metadata(description = "The account of the exchange's records instead of the endpoint's `accountId`, in the"
                            + " endpoint's region; its passcode from the component's `credentials`.",
              javaType = "String")
    public static final String ACCOUNT_ID = "CamelCleverTapAccountId";

    @Metadata(description = "The outcome for the exchange's records: `success` (all stored), `partial` or `fail` (none stored).",
              javaType = "String", enums = "success,partial,fail")
    public static final String STATUS = "CamelCleverTapStatus";
    @Metadata(description = "How many of the exchange's records CleverTap stored.", javaType = "int")
    public static final String PROCESSED = "CamelCleverTapProcessed";
    @Metadata(description = "How many of the exchange's records were not stored (rejected, not delivered, or of unknown outcome).",
              javaType = "int")
    public static final String UNPROCESSED = "CamelCleverTapUnprocessed";
    @Metadata(description = "The records CleverTap or the local checks rejected, each with its position in the input,"
                            + " code, error and the record itself.",
              javaType = "java.util.List<io.github.camelclevertap.component.RejectedRecord>")
    public static final String REJECTED_RECORDS = "CamelCleverTapRejectedRecords";

    @Metadata(description = "The records CleverTap never stored (retries exhausted, a request refused, the producer"
                            + " stopped): safe to send again.",
              javaType = "java.util.List<io.github.camelclevertap.component.UndeliveredRecord>")
    public static final String UNDELIVERED_RECORDS = "CamelCleverTapUndeliveredRecords";
    @Metadata(description = "The records whose outcome is unknown (no complete answer in time, a lost connection, an"
                            + " answer that did not add up): CleverTap may have stored them.",
              javaType = "java.util.List<io.github.camelclevertap.component.UndeliveredRecord>")
    public static final String UNKNOWN_RECORDS = "CamelCleverTapUnknownRecords";

    private CleverTapConstants() {
    }
}
