package io.github.camelclevertap.routetemplates;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The checks of a webhook body once its sender is known: a JSON media type, UTF-8, well-formed JSON no deeper than
 * the nesting limit, and an object or array at the top. Each refusal names the problem, so the sender can fix it.
 */
final class WebhookPayload {

    /** A body that fails a check: the HTTP status and the reason given to the caller. */
    record Refusal(int status, String reason) {
    }

    private final ObjectMapper json;
    private final int maxNestingDepth;

    WebhookPayload(int maxNestingDepth) {
        this.maxNestingDepth = maxNestingDepth;
        // Jackson enforces the depth while it reads, so a deeply nested body fails early instead of recursing
        // a duplicated key or trailing data would let two readers of the same body see different payloads
        this.json = JsonMapper.builder(JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build())
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /**
     * Refuses a body whose Content-Type is not JSON in UTF-8; null when it is acceptable.
     */
    static Refusal checkContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return new Refusal(415, "the Content-Type header is missing: send application/json");
        }
        String[] parts = contentType.split(";");
        String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !(mediaType.startsWith("application/")
                                                       && mediaType.endsWith("+json"))) {
            return new Refusal(415, "the Content-Type is '" + oneLine(mediaType, 80) + "': send application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter.length == 2 && parameter[0].trim().equalsIgnoreCase("charset")) {
                String charset = parameter[1].trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    return new Refusal(415, "the charset is '" + oneLine(charset, 40) + "': send UTF-8");
                }
            }
        }
        return null;
    }

    /**
     * The body as text when it is UTF-8 holding a JSON object or array; otherwise the refusal, as a
     * {@link PayloadException}.
     */
    String read(byte[] body) throws PayloadException {
        String text = decode(body);
        JsonNode tree;
        try {
            tree = json.readTree(text);
        } catch (StreamConstraintsException e) {
            throw new PayloadException(new Refusal(400, "the JSON is nested deeper than " + maxNestingDepth
                                                        + " levels"));
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String position = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            throw new PayloadException(new Refusal(400, "the body is not valid JSON" + position + ": "
                                                        + oneLine(e.getOriginalMessage(), 200)));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new PayloadException(new Refusal(400, "the body is empty: send a JSON object"));
        }
        if (!tree.isContainerNode()) {
            throw new PayloadException(new Refusal(400, "the body is a JSON " + tree.getNodeType().name()
                    .toLowerCase(Locale.ROOT) + ", not a JSON object"));
        }
        return text;
    }

    private static String decode(byte[] body) throws PayloadException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new PayloadException(new Refusal(400, "the body is not valid UTF-8: byte " + in.position()
                                                        + " (0x" + String.format("%02x", body[in.position()])
                                                        + ") does not start a valid UTF-8 sequence"));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** Text taken from the request, cut short and without control characters, so a reason stays one line. */
    static String oneLine(String value, int max) {
        String text = value == null ? "" : value.replaceAll("\\p{Cntrl}", "?");
        return text.length() > max ? text.substring(0, max) + "..." : text;
    }

    /** A body refused by one of the checks. */
    static final class PayloadException extends Exception {

        private final transient Refusal refusal;

        PayloadException(Refusal refusal) {
            super(refusal.reason(), null, false, false);
            this.refusal = refusal;
        }

        Refusal refusal() {
            return refusal;
        }
    }
}
