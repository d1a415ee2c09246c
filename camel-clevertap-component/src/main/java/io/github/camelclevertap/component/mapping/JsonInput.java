package io.github.camelclevertap.component.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a payload once into plain Java values (`Map`, `List`, `String`, `Number`, `Boolean`), so several
 * expressions can read it, even when it arrived as a stream.
 */
final class JsonInput {

    private JsonInput() {
    }

    /**
     * @return the payload as a `Map` or `List` (or a scalar for a JSON scalar), or null for a null body
     */
    static Object read(Object body, ObjectMapper mapper) {
        try {
            if (body == null || body instanceof Map<?, ?> || body instanceof List<?>) {
                return body;
            }
            if (body instanceof JsonNode node) {
                return mapper.convertValue(node, Object.class);
            }
            if (body instanceof CharSequence text) {
                return mapper.readValue(text.toString(), Object.class);
            }
            if (body instanceof byte[] bytes) {
                return mapper.readValue(bytes, Object.class);
            }
            if (body instanceof InputStream stream) {
                return mapper.readValue(stream, Object.class);
            }
            if (body instanceof Reader reader) {
                return mapper.readValue(reader, Object.class);
            }
            // a POJO
            return mapper.convertValue(body, Object.class);
        } catch (JsonProcessingException e) {
            throw new CleverTapMappingException("The message body is not JSON: " + e.getOriginalMessage(), "body",
                    null, null, e);
        } catch (IOException e) {
            throw new CleverTapMappingException("The message body could not be read: " + e.getMessage(), "body",
                    null, null, e);
        } catch (IllegalArgumentException e) {
            throw new CleverTapMappingException(
                    "The message body (a " + body.getClass().getName() + ") cannot be read as JSON: " + e.getMessage(),
                    "body", null, null, e);
        }
    }

    /**
     * Turns an expression result into plain Java values: a Jackson tree (jq answers with one) is converted, anything
     * else is kept.
     */
    static Object plain(Object value, ObjectMapper mapper) {
        if (value instanceof JsonNode node) {
            return node.isNull() || node.isMissingNode() ? null : mapper.convertValue(node, Object.class);
        }
        return value;
    }
}
