package io.github.camelclevertap.component.mapping;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options of a mapping as text, before its expressions are compiled: a preset's, then the mapper's own on top.
 */
final class MappingDefinition {

    String name;
    String type;
    String identity;
    String objectId;
    String eventName;
    String timestamp;
    final Map<String, String> properties = new LinkedHashMap<>();
    String propertiesFrom;
    final Map<String, String> renames = new LinkedHashMap<>();
    String source;
    String language;

    void applyPreset(String presetName, Map<String, Object> preset) {
        type = text(presetName, preset, "type");
        identity = text(presetName, preset, "identity");
        objectId = text(presetName, preset, "objectId");
        eventName = text(presetName, preset, "eventName");
        timestamp = text(presetName, preset, "timestamp");
        properties.putAll(object(presetName, preset, "properties"));
        propertiesFrom = text(presetName, preset, "propertiesFrom");
        renames.putAll(object(presetName, preset, "renames"));
        source = text(presetName, preset, "source");
        language = text(presetName, preset, "language");
    }

    private static String text(String presetName, Map<String, Object> preset, String key) {
        Object value = preset.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("Mapping preset '" + presetName + "': " + key + " must be a string");
        }
        return text.isBlank() ? null : text.strip();
    }

    private static Map<String, String> object(String presetName, Map<String, Object> preset, String key) {
        Object value = preset.get(key);
        if (value == null) {
            return Map.of();
        }
        Map<String, String> answer = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getValue() instanceof String text) {
                    answer.put(String.valueOf(entry.getKey()), text);
                    continue;
                }
                throw new IllegalArgumentException("Mapping preset '" + presetName + "': " + key + "."
                                                   + entry.getKey() + " must be a string");
            }
            return answer;
        }
        throw new IllegalArgumentException("Mapping preset '" + presetName + "': " + key + " must be an object");
    }
}
