package io.github.camelclevertap.component.record;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.component.CleverTapConstants;
import io.github.camelclevertap.records.Rejection;
import org.apache.camel.Message;

/**
 * Builds CleverTap records from what a route holds: a full record (it has `type`, `profileData`, `evtData` or
 * `evtName`) is completed, a map of properties alone is wrapped, with the identifier, event name and timestamp taken
 * from the message headers. Values are taken as given: {@link RecordCoercion} reads them next.
 */
public final class RecordFactory {

    private static final String[] IDENTIFIERS = {"identity", "objectId", "FBID", "GPID"};
    private static final String WHOLE_RECORD = Rejection.WHOLE_RECORD;

    private final ObjectMapper mapper;
    private final String endpointType;
    private final boolean allowMixedTypes;

    public RecordFactory(ObjectMapper mapper, String endpointType, boolean allowMixedTypes) {
        this.mapper = mapper;
        this.endpointType = endpointType;
        this.allowMixedTypes = allowMixedTypes;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> toRecord(Object raw, Message message) throws InvalidRecordException {
        Map<String, Object> given;
        try {
            if (raw instanceof Map<?, ?> map) {
                requireTextKeys(map);
                given = (Map<String, Object>) map;
            } else if (raw instanceof CharSequence || raw instanceof byte[]) {
                given = parse(raw);
            } else {
                given = mapper.convertValue(raw, Map.class);
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(512,
                    "Record is not an object: expected a JSON object or a Map but got " + describe(raw), WHOLE_RECORD,
                    Map.of("value", String.valueOf(raw)));
        }
        if (given == null) {
            throw new InvalidRecordException(512, "Record is null: expected a JSON object or a Map", WHOLE_RECORD,
                    Map.of());
        }
        Map<String, Object> record;
        if (!isFullRecord(given)) {
            record = wrap(given);
            fillFromHeaders(record, message);
        } else if (lacksWhatHeadersGive(given, message)) {
            // never change the caller's map: complete a copy
            record = new LinkedHashMap<>(given);
            fillFromHeaders(record, message);
        } else {
            // nothing to add: the usual webhook record is sent as given, without a copy per record
            record = given;
        }
        Object type = record.get("type");
        if (!endpointType.equals(type) && !allowMixedTypes) {
            throw new InvalidRecordException(524,
                    "Record type '" + type + "' does not match the endpoint type '" + endpointType
                                                  + "': set allowMixedTypes=true to send both types through one endpoint",
                    "type", record);
        }
        return record;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(Object json) throws InvalidRecordException {
        String text = json instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : json.toString();
        try {
            return mapper.readValue(text, Map.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(400, "Record is not a JSON object: " + e.getOriginalMessage(),
                    WHOLE_RECORD, Map.of("value", text));
        }
    }

    private static void requireTextKeys(Map<?, ?> map) throws InvalidRecordException {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new InvalidRecordException(512, "Record keys must be text, but key '" + key + "' is a "
                                                      + (key == null ? "null" : key.getClass().getName()),
                        WHOLE_RECORD, null);
            }
        }
    }

    private static boolean isFullRecord(Map<String, Object> map) {
        return map.containsKey("type") || map.containsKey("profileData") || map.containsKey("evtData")
                || map.containsKey("evtName");
    }

    private Map<String, Object> wrap(Map<String, Object> properties) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", endpointType);
        record.put("profile".equals(endpointType) ? "profileData" : "evtData", properties);
        return record;
    }

    /** Whether {@link #fillFromHeaders} would add anything to the record. */
    private boolean lacksWhatHeadersGive(Map<String, Object> record, Message message) {
        if (!record.containsKey("type")) {
            return true;
        }
        if (!hasIdentifier(record) && (message.getHeader(CleverTapConstants.IDENTITY) != null
                                       || message.getHeader(CleverTapConstants.OBJECT_ID) != null)) {
            return true;
        }
        if ("event".equals(record.get("type")) && !record.containsKey("evtName")
            && message.getHeader(CleverTapConstants.EVENT_NAME) != null) {
            return true;
        }
        return !record.containsKey("ts") && message.getHeader(CleverTapConstants.TIMESTAMP) != null;
    }

    private void fillFromHeaders(Map<String, Object> record, Message message) {
        record.putIfAbsent("type", endpointType);
        if (!hasIdentifier(record)) {
            putHeader(record, "identity", message, CleverTapConstants.IDENTITY);
            putHeader(record, "objectId", message, CleverTapConstants.OBJECT_ID);
        }
        if ("event".equals(record.get("type"))) {
            putHeader(record, "evtName", message, CleverTapConstants.EVENT_NAME);
        }
        if (!record.containsKey("ts")) {
            Object ts = message.getHeader(CleverTapConstants.TIMESTAMP);
            if (ts != null) {
                // read into epoch seconds by RecordCoercion, like a ts the record brings itself
                record.put("ts", ts);
            }
        }
    }

    private static boolean hasIdentifier(Map<String, Object> record) {
        for (String identifier : IDENTIFIERS) {
            if (record.get(identifier) != null) {
                return true;
            }
        }
        return false;
    }

    private static void putHeader(Map<String, Object> record, String key, Message message, String header) {
        if (!record.containsKey(key)) {
            String value = message.getHeader(header, String.class);
            if (value != null) {
                record.put(key, value);
            }
        }
    }

    private static String describe(Object raw) {
        return raw == null ? "null" : raw.getClass().getSimpleName() + " " + raw;
    }
}
