package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A JSON array of objects, streamed element by element. The array is one document: a broken place in it (invalid
 * JSON or UTF-8, an element that is not an object) ends the file with an error, after the elements before it.
 */
final class JsonArrayRows implements RowReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final String name;
    private final JsonParser parser;
    private long elements;
    private long line;

    JsonArrayRows(String name, InputStream in) throws IOException {
        this.name = name;
        // from the bytes, so Jackson itself checks the UTF-8 instead of a reader replacing bad bytes
        this.parser = JSON.createParser(in);
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            throw new IOException(name + " is not a JSON array");
        }
    }

    @Override
    public Map<String, Object> next() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null || token == JsonToken.END_ARRAY) {
            return null;
        }
        elements++;
        if (token != JsonToken.START_OBJECT) {
            throw new IOException("element " + elements + " of the JSON array in " + name + " is not an object");
        }
        line = parser.currentTokenLocation().getLineNr();
        return parser.readValueAs(MAP);
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
