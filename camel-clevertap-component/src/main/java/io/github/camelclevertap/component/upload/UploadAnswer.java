package io.github.camelclevertap.component.upload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * CleverTap's answer to an upload, as written: nothing in it is trusted yet ({@link BatchOutcome} reconciles it with
 * the batch). Fields CleverTap left out stay empty rather than defaulted, so an answer that says less than it should
 * can be told from one that says zero.
 *
 * @param status      `success`, `partial`, `fail`, or whatever else was written
 * @param processed   how many records CleverTap says it stored, if it said
 * @param code        the request-level code of a `fail` answer, 0 when none
 * @param error       the request-level error text, empty when none
 * @param unprocessed the entries of the records CleverTap says it skipped; null when the answer has no such list
 */
public record UploadAnswer(String status, OptionalInt processed, int code, String error, List<Skipped> unprocessed) {

    private static final Pattern RECORD_NUMBER = Pattern.compile("record number\\s*:\\s*(\\d+)");

    /**
     * A skipped record.
     *
     * @param number its 1-based position in the request as the error text gives it, or 0 when it does not
     * @param code   CleverTap's code
     * @param error  CleverTap's error text
     * @param record the record as CleverTap echoed it, or null when it did not
     */
    public record Skipped(int number, int code, String error, JsonNode record) {
    }

    public static UploadAnswer read(ObjectMapper mapper, byte[] body) throws IOException {
        JsonNode root = mapper.readTree(body);
        if (root == null || !root.isObject() || !root.path("status").isTextual()) {
            throw new IOException("expected a JSON object with a status");
        }
        List<Skipped> skipped = null;
        if (root.path("unprocessed").isArray()) {
            skipped = new ArrayList<>();
            for (JsonNode entry : root.get("unprocessed")) {
                String error = entry.path("error").asText("");
                Matcher number = RECORD_NUMBER.matcher(error);
                skipped.add(new Skipped(number.find() ? parseNumber(number.group(1)) : 0, entry.path("code").asInt(0),
                        error, entry.path("record").isObject() ? entry.get("record") : null));
            }
        }
        JsonNode processed = root.path("processed");
        return new UploadAnswer(root.get("status").asText(),
                processed.canConvertToInt() && processed.isIntegralNumber() ? OptionalInt.of(processed.asInt())
                        : OptionalInt.empty(),
                root.path("code").asInt(0), root.path("error").asText(""), skipped);
    }

    private static int parseNumber(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException tooLong) {
            return 0;
        }
    }

    /**
     * The error text of a request-level failure, such as `{"status":"fail","error":"Account ID is not valid"}`.
     */
    public static String errorText(ObjectMapper mapper, byte[] body) {
        try {
            JsonNode error = mapper.readTree(body).path("error");
            if (error.isTextual()) {
                return error.asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: fall through to the raw text
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
