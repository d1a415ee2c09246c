package io.github.camelclevertap.component.upload;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns what came back for one attempt, an HTTP answer or an error, into a {@link BatchOutcome}. Pure: it decides and
 * does nothing.
 *
 * <ul>
 * <li>HTTP 200 with a per-record answer: reconciled ({@link BatchOutcome#reconcile}); what it does not account for is
 * unknown, and retried.</li>
 * <li>HTTP 200 with `{"status":"fail","code":C}` and no entries, nothing processed: undelivered, retried when C is
 * 429, 5xx or missing, given up otherwise; a body that is not CleverTap's JSON: unknown, retried.</li>
 * <li>HTTP 429 and 5xx: undelivered, retried. 401, other 4xx and 3xx: undelivered, given up. Other 2xx: unknown,
 * retried.</li>
 * <li>No connection: undelivered, retried. No complete answer within the request timeout, or a connection lost after
 * sending: unknown, retried; the request is abandoned and its slot rests, as CleverTap may still work on it.</li>
 * </ul>
 */
public final class AnswerClassifier {

    private final ObjectMapper mapper;
    private final String authenticationHint;
    private final long requestTimeoutMillis;

    /**
     * @param authenticationHint what to tell the user when CleverTap refuses the credentials, such as the region used
     */
    public AnswerClassifier(ObjectMapper mapper, String authenticationHint, long requestTimeoutMillis) {
        this.mapper = mapper;
        this.authenticationHint = authenticationHint;
        this.requestTimeoutMillis = requestTimeoutMillis;
    }

    public BatchOutcome classify(List<PendingRecord> sent, int attempt, HttpResponse<byte[]> response,
                                 Throwable error) {
        int n = sent.size();
        if (error != null || response == null) {
            return failed(n, attempt, unwrap(error));
        }
        int status = response.statusCode();
        byte[] body = response.body() == null ? new byte[0] : response.body();
        if (status == 200) {
            return answered(sent, attempt, body);
        }
        String text = UploadAnswer.errorText(mapper, body);
        if (status == 401) {
            return BatchOutcome.all(n, BatchOutcome.Kind.UNDELIVERED, unauthorised(text, attempt), false, false);
        }
        String message = "CleverTap answered HTTP " + status + (text.isEmpty() ? "" : " (" + text + ")");
        if (status == 429 || status >= 500) {
            return BatchOutcome.all(n, BatchOutcome.Kind.UNDELIVERED, new DeliveryFailure(status, message, attempt, null),
                    true, false);
        }
        if (status >= 200 && status < 300) {
            // not CleverTap's answer to an upload: something took the request and said nothing about the records
            return BatchOutcome.all(n, BatchOutcome.Kind.UNKNOWN,
                    new DeliveryFailure(status, message + ", which says nothing about the records", attempt, null),
                    true, false);
        }
        return BatchOutcome.all(n, BatchOutcome.Kind.UNDELIVERED, new DeliveryFailure(status, message, attempt, null),
                false, false);
    }

    private BatchOutcome answered(List<PendingRecord> sent, int attempt, byte[] body) {
        int n = sent.size();
        UploadAnswer answer;
        try {
            answer = UploadAnswer.read(mapper, body);
        } catch (IOException e) {
            return BatchOutcome.all(n, BatchOutcome.Kind.UNKNOWN, new DeliveryFailure(200,
                    "CleverTap answered HTTP 200 with a body that is not an upload answer (" + e.getMessage() + ")",
                    attempt, e), true, false);
        }
        boolean nothingProcessed = answer.processed().orElse(0) == 0;
        if ("fail".equals(answer.status()) && nothingProcessed
            && (answer.unprocessed() == null || answer.unprocessed().isEmpty())) {
            int code = answer.code();
            String text = answer.error().isEmpty() ? "no error text" : answer.error();
            if (code == 401) {
                return BatchOutcome.all(n, BatchOutcome.Kind.UNDELIVERED, unauthorised(text, attempt), false, false);
            }
            boolean transientCode = code == 0 || code == 429 || code >= 500;
            return BatchOutcome.all(n, BatchOutcome.Kind.UNDELIVERED, new DeliveryFailure(code,
                    "CleverTap answered HTTP 200 with status fail" + (code == 0 ? "" : ", code " + code) + " (" + text
                                                                    + ") and no record processed",
                    attempt, null), transientCode, false);
        }
        return BatchOutcome.reconcile(answer, sent, mapper, attempt);
    }

    private DeliveryFailure unauthorised(String text, int attempt) {
        return new DeliveryFailure(401, "CleverTap answered HTTP 401 (" + text
                                        + "): check the account id, the passcode and the region; " + authenticationHint,
                attempt, null);
    }

    private BatchOutcome failed(int n, int attempt, Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return BatchOutcome.all(n, BatchOutcome.Kind.UNDELIVERED,
                    new DeliveryFailure(0, "could not connect: " + cause, attempt, cause), true, false);
        }
        if (cause instanceof HttpTimeoutException || cause instanceof CancellationException) {
            return BatchOutcome.all(n, BatchOutcome.Kind.UNKNOWN, new DeliveryFailure(0,
                    "no complete answer within the request timeout of " + requestTimeoutMillis + " ms", attempt,
                    cause), true, true);
        }
        // the request may have reached CleverTap, which may still be working on it: its slot rests
        if (cause instanceof IOException) {
            return BatchOutcome.all(n, BatchOutcome.Kind.UNKNOWN,
                    new DeliveryFailure(0, "the request failed after it was sent: " + cause, attempt, cause), true,
                    true);
        }
        return BatchOutcome.all(n, BatchOutcome.Kind.UNKNOWN,
                new DeliveryFailure(0, "the request failed: " + cause, attempt, cause), false, true);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
               && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause == null ? new IOException("no answer") : cause;
    }
}
