package io.github.camelclevertap.emulator;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One upload request as the emulator received and answered it.
 *
 * @param accountId    the {@code X-CleverTap-Account-Id} header, or {@code null} when absent
 * @param query        the raw query string (for example {@code dryRun=1}), or {@code null} when there was none
 * @param headers      request headers, looked up case-insensitively; the passcode's value is masked as
 *                     {@value #MASKED_PASSCODE}
 * @param body         the raw request body, decoded as UTF-8
 * @param status       the HTTP status answered, or 0 when the connection was dropped
 * @param responseBody the body answered, empty when the connection was dropped
 */
public record RecordedRequest(String accountId, String query, Map<String, List<String>> headers, String body,
                              int status, String responseBody) {

    /** What replaces the passcode header's value, so recorded requests can be logged safely. */
    public static final String MASKED_PASSCODE = "xxxxxx";

    public RecordedRequest {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
    }

    /** Whether the emulator closed the connection instead of answering. */
    public boolean dropped() {
        return status == 0;
    }
}
