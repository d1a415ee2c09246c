package io.github.camelclevertap.component.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;

/**
 * Named mappings, read from `META-INF/clevertap/mappings/<name>.json` on the class path. A preset file holds the
 * options of {@link CleverTapRecordMapper} as a JSON object (`type`, `identity`, `objectId`, `eventName`,
 * `timestamp`, `properties`, `propertiesFrom`, `renames`, `source`, `language`) plus a `description`. An application
 * adds its own presets by shipping such files.
 */
public final class MappingPresets {

    /** Where presets are looked up, on the class path. */
    public static final String LOCATION = "META-INF/clevertap/mappings/";

    /** The presets this jar ships, for the partner payloads of CleverTap's partner guides. */
    public static final List<String> BUILT_IN = List.of(
            "boltic-signup", "boltic-purchase", "talon-one-coupon", "pipedream-profile", "pipedream-event");

    static final List<String> KEYS = List.of(
            "description", "type", "identity", "objectId", "eventName", "timestamp", "properties", "propertiesFrom",
            "renames", "source", "language");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private MappingPresets() {
    }

    /**
     * Reads a preset.
     *
     * @return the preset's options, by the keys listed in the class comment
     * @throws IllegalArgumentException when there is no such preset or it is not valid
     */
    static Map<String, Object> load(CamelContext context, String name, ObjectMapper mapper) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Mapping preset name '" + name
                                               + "' is not valid: use lower-case letters, digits and '-'");
        }
        String resource = LOCATION + name + ".json";
        try (InputStream in = context.getClassResolver().loadResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("Unknown mapping preset '" + name + "': no " + resource
                                                   + " on the class path. The built-in presets are " + BUILT_IN);
            }
            Map<?, ?> json = mapper.readValue(in, Map.class);
            Map<String, Object> preset = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : json.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (!KEYS.contains(key)) {
                    throw new IllegalArgumentException("Mapping preset '" + name + "' (" + resource
                                                       + ") has the unknown key '" + key + "'; known keys: " + KEYS);
                }
                preset.put(key, entry.getValue());
            }
            return preset;
        } catch (IOException e) {
            throw new IllegalArgumentException("Mapping preset '" + name + "' (" + resource + ") is not a valid"
                                               + " JSON object: " + e.getMessage(),
                    e);
        }
    }
}
