package io.github.camelclevertap.component.upload;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * CleverTap's answer to an upload that it took (HTTP 200): which records it stored and which it skipped. The HTTP
 * status alone says nothing about the records.
 *
 * @param status      `success`, `partial` or `fail`
 * @param processed   how many records CleverTap stored
 * @param unprocessed the records CleverTap skipped
 */
public record UploadAnswer(String status, int processed, List<Skipped> unprocessed) {

    private static final Pattern RECORD_NUMBER = Pattern.compile("record number\\s*:\\s*(\\d+)");

    /**
     * A skipped record.
     *
     * @param position its 0-based position in the request, or -1 when the error does not say
     * @param code     CleverTap's code
     * @param error    CleverTap's error text
     * @param record   the record as CleverTap echoed it (CleverTap may have normalised values)
     */
    public record Skipped(int position, int code, String error, Map<String, Object> record) {
    }

    @SuppressWarnings("unchecked")
    public static UploadAnswer read(ObjectMapper mapper, byte[] body) throws IOException {
        JsonNode root = mapper.readTree(body);
        if (root == null || !root.isObject() || !root.path("status").isTextual()) {
            throw new IOException("expected a JSON object with a status");
        }
        List<Skipped> skipped = new ArrayList<>();
        for (JsonNode entry : root.path("unprocessed")) {
            String error = entry.path("error").asText("");
            Matcher number = RECORD_NUMBER.matcher(error);
            int position = number.find() ? Integer.parseInt(number.group(1)) - 1 : -1;
            Map<String, Object> record = entry.path("record").isObject()
                    ? mapper.convertValue(entry.get("record"), Map.class) : Map.of();
            skipped.add(new Skipped(position, entry.path("code").asInt(0), error, record));
        }
        return new UploadAnswer(root.get("status").asText(), root.path("processed").asInt(0), skipped);
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
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
