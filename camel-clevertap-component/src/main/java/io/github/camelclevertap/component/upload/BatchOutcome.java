package io.github.camelclevertap.component.upload;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What one attempt of a batch ended in, record by record: each record sent is {@link Kind#STORED},
 * {@link Kind#REJECTED}, {@link Kind#UNDELIVERED} (never stored, safe to send again) or {@link Kind#UNKNOWN} (may
 * be stored). Only records CleverTap explicitly took are stored: an answer that does not add up leaves the records it
 * does not account for unknown, never stored and never undelivered.
 */
public final class BatchOutcome {

    public enum Kind {
        STORED, REJECTED, UNDELIVERED, UNKNOWN
    }

    private final Kind[] kinds;
    private final UploadAnswer.Skipped[] rejections;
    private final DeliveryFailure failure;
    private final boolean retryable;
    private final boolean abandoned;

    private BatchOutcome(Kind[] kinds, UploadAnswer.Skipped[] rejections, DeliveryFailure failure, boolean retryable,
                         boolean abandoned) {
        this.kinds = kinds;
        this.rejections = rejections;
        this.failure = failure;
        this.retryable = retryable;
        this.abandoned = abandoned;
    }

    /**
     * Every record of the attempt ended the same way, without a per-record answer.
     *
     * @param abandoned the request was given up while CleverTap may still be working on it (a timeout)
     */
    static BatchOutcome all(int records, Kind kind, DeliveryFailure failure, boolean retryable, boolean abandoned) {
        Kind[] kinds = new Kind[records];
        Arrays.fill(kinds, kind);
        return new BatchOutcome(kinds, new UploadAnswer.Skipped[records], failure, retryable, abandoned);
    }

    /**
     * Reconciles an HTTP 200 answer with the records sent. An entry of `unprocessed` is matched to its record by its
     * number when it has one, else by the record it echoes, else not at all. The records without an entry are stored
     * only when the answer adds up: its status and `processed` agree with the entries, and every entry was matched.
     */
    static BatchOutcome reconcile(UploadAnswer answer, List<PendingRecord> sent, ObjectMapper mapper, int attempt) {
        int n = sent.size();
        Kind[] kinds = new Kind[n];
        UploadAnswer.Skipped[] rejections = new UploadAnswer.Skipped[n];
        List<UploadAnswer.Skipped> entries = answer.unprocessed() == null ? List.of() : answer.unprocessed();
        JsonNode[] sentAsJson = null;
        int matched = 0;
        int unmatched = 0;
        for (UploadAnswer.Skipped entry : entries) {
            int position = entry.number() - 1;
            if (entry.record() != null && sentAsJson == null) {
                sentAsJson = asJson(sent, mapper);
            }
            if (entry.number() > 0 && (position >= n || kinds[position] != null)) {
                position = -1;
            } else if (entry.number() <= 0) {
                position = byEcho(entry.record(), sentAsJson, kinds);
            } else if (entry.record() != null && !entry.record().equals(sentAsJson[position])
                       && byEcho(entry.record(), sentAsJson, kinds) >= 0) {
                // numbered one record and echoes another one sent: which one was skipped cannot be told (an echo
                // that matches nothing sent is CleverTap's normalised copy, and the number stands)
                position = -1;
            }
            if (position < 0) {
                unmatched++;
            } else {
                kinds[position] = Kind.REJECTED;
                rejections[position] = entry;
                matched++;
            }
        }
        String status = answer.status();
        boolean statusAgrees = switch (status) {
            case "success" -> matched == 0;
            case "partial" -> matched > 0 && matched < n;
            case "fail" -> matched == n;
            default -> false;
        };
        boolean processedAgrees = answer.processed().isEmpty() || answer.processed().getAsInt() == n - matched;
        boolean addsUp = unmatched == 0 && statusAgrees && processedAgrees;
        Kind rest = addsUp ? Kind.STORED : Kind.UNKNOWN;
        for (int i = 0; i < n; i++) {
            if (kinds[i] == null) {
                kinds[i] = rest;
            }
        }
        DeliveryFailure failure = addsUp ? null : new DeliveryFailure(200,
                "CleverTap's answer does not add up (status '" + status + "', processed "
                                                                   + (answer.processed().isPresent()
                                                                           ? answer.processed().getAsInt() : "missing")
                                                                   + ", " + entries.size() + " unprocessed entries of which "
                                                                   + unmatched + " name no record sent, for " + n
                                                                   + " records): the records it does not account for may or may not be stored",
                attempt, null);
        return new BatchOutcome(kinds, rejections, failure, !addsUp, false);
    }

    private static int byEcho(JsonNode echoed, JsonNode[] sent, Kind[] kinds) {
        if (echoed == null) {
            return -1;
        }
        for (int i = 0; i < sent.length; i++) {
            if (kinds[i] == null && echoed.equals(sent[i])) {
                return i;
            }
        }
        return -1;
    }

    /** The records as CleverTap read them: written and parsed by the same mapper as the answer, so numbers compare. */
    private static JsonNode[] asJson(List<PendingRecord> sent, ObjectMapper mapper) {
        JsonNode[] json = new JsonNode[sent.size()];
        for (int i = 0; i < json.length; i++) {
            Map<String, Object> record = sent.get(i).record();
            try {
                json[i] = mapper.readTree(mapper.writeValueAsBytes(record));
            } catch (IOException e) {
                json[i] = null;
            }
        }
        return json;
    }

    public int size() {
        return kinds.length;
    }

    public Kind kind(int position) {
        return kinds[position];
    }

    /** CleverTap's entry for a rejected record. */
    public UploadAnswer.Skipped rejection(int position) {
        return rejections[position];
    }

    /** Why the undelivered and unknown records of the attempt were not taken; null when there are none. */
    public DeliveryFailure failure() {
        return failure;
    }

    /** Whether the undelivered and unknown records may be sent again. */
    public boolean retryable() {
        return retryable;
    }

    /** Whether the request was given up while CleverTap may still be working on it, so its slot must rest. */
    public boolean abandoned() {
        return abandoned;
    }

    public int count(Kind kind) {
        int count = 0;
        for (Kind k : kinds) {
            if (k == kind) {
                count++;
            }
        }
        return count;
    }
}
