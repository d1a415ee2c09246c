package io.github.camelclevertap.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * CleverTap's per-record rules for {@code POST /1/upload}, without any HTTP.
 *
 * <p>Rules run in a fixed order and the first that fails decides the code: structure (512), type (524),
 * identifier (523), timestamp (525), then the event rules (509, 513, 512, 522) or the profile rules (512, 522,
 * then the standard fields 515, 516, 514, 517, 518, 519, 520). Keys and values inside {@code evtData} and
 * {@code profileData} are checked for length and forbidden characters (512). Top-level keys other than the
 * ones named here are ignored, so a sender's label such as {@code $source} passes, as it does at CleverTap.
 *
 * <p>Wordings copied from real CleverTap responses (see the recorded fixture): 515, 516, 517, 518, 519, 520 and
 * 525. All other messages are <b>emulator wording</b>, because CleverTap's text for them was never recorded:
 * 509 (event name missing), 512 (invalid structure, keys and values), 513 (restricted event name), 514 (gender),
 * 522 (too many properties), 523 (identifier missing, ambiguous or invalid) and 524 (type).
 *
 * <p>Instances are stateless and thread-safe.
 */
public final class RecordValidator {

    /** Longest property name CleverTap accepts. */
    public static final int MAX_KEY_LENGTH = 120;
    /** Largest scalar string value, in UTF-8 bytes. */
    public static final int MAX_VALUE_BYTES = 512;
    /** Properties per event (current docs; older docs said 256). */
    public static final int MAX_EVENT_PROPERTIES = 100;
    /** Keys per profile. */
    public static final int MAX_PROFILE_PROPERTIES = 256;
    /** Values in one multi-value operation. */
    public static final int MAX_MULTI_VALUES = 100;
    /** Characters per value of a multi-value operation. */
    public static final int MAX_MULTI_VALUE_LENGTH = 512;

    // Wordings recorded from the real API (fixture), including their odd punctuation and spacing.
    static final String EMAIL_INVALID = "Profile data is incorrect. Email is not valid.";
    static final String PHONE_INVALID = "Profile data is incorrect. Phone number is not valid.";
    static final String EMPLOYED_INVALID = "Profile data is incorrect. Employed needs to be Y/N.";
    static final String EDUCATION_INVALID = "Profile data is incorrect. Education needs to be School/College/Graduate..";
    static final String MARRIED_INVALID = "Profile data is incorrect. Married needs to be Y/N.";
    static final String AGE_INVALID = "Profile data is incorrect. Age is invalid.";
    static final String TIMESTAMP_INVALID = "Timestamp should be present in the Unix Epoch format. ";

    // Emulator wording: CleverTap's own text for these codes is not recorded.
    static final String GENDER_INVALID = "Profile data is incorrect. Gender needs to be M/F.";
    static final String EVENT_NAME_MISSING = "Event name is missing.";
    static final String TYPE_INVALID = "Record type must be profile or event.";
    static final String IDENTIFIER_MISSING = "Record must have one of identity, objectId, FBID or GPID.";
    static final String IDENTIFIER_AMBIGUOUS = "Record must have only one of identity, objectId, FBID or GPID.";
    static final String NOT_AN_OBJECT = "Invalid record structure. Record must be a JSON object.";

    private static final List<String> IDENTIFIERS = List.of("identity", "objectId", "FBID", "GPID");

    // Compared after lower-casing and removing all whitespace, as CleverTap compares event names.
    private static final Set<String> RESERVED_EVENT_NAMES = Set.of(
                    "Notification Sent", "Notification Viewed", "Notification Clicked", "Notification Delivered",
                    "Notification Replied", "UTM Visited", "App Launched", "App Uninstalled", "App Version Changed",
                    "Stayed", "Reply Sent", "Experiment Rendered", "Reachable By", "Identity Reset", "Identity Set",
                    "Identity Error")
            .stream().map(RecordValidator::normalizeEventName).collect(Collectors.toUnmodifiableSet());

    private static final String CHARGED = normalizeEventName("Charged");
    private static final String ITEMS = "Items";
    private static final String FORBIDDEN_KEY_CHARS = "%><!|&.:;$'\"\\";
    private static final Set<String> MULTI_VALUE_OPERATORS = Set.of("$add", "$remove", "$set");

    // Plausible, not RFC 5322: CleverTap rejects "1234" and "$$$$$" and accepts ordinary addresses.
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
    private static final Pattern NUMERIC = Pattern.compile("^\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*$");
    private static final long MAX_EPOCH_SECONDS_EXCLUSIVE = 10_000_000_000L;

    /**
     * Checks one element of an upload's {@code d} array.
     *
     * @return the first rule the record breaks, or empty when CleverTap would process it
     */
    public Optional<Rejection> validate(JsonNode record) {
        if (record == null || !record.isObject()) {
            return reject(512, NOT_AN_OBJECT);
        }
        String type = record.path("type").isTextual() ? record.get("type").textValue() : null;
        // Device tokens are a CleverTap type too, but out of the emulator's scope: answered like any unknown type.
        if (!"profile".equals(type) && !"event".equals(type)) {
            return reject(524, TYPE_INVALID);
        }
        Optional<Rejection> rejection = checkIdentifier(record);
        if (rejection.isEmpty()) {
            rejection = checkTimestamp(record.get("ts"));
        }
        if (rejection.isEmpty()) {
            rejection = "event".equals(type) ? checkEvent(record) : checkProfile(record);
        }
        return rejection;
    }

    private static Optional<Rejection> checkIdentifier(JsonNode record) {
        String found = null;
        for (String name : IDENTIFIERS) {
            JsonNode value = record.get(name);
            if (value == null || value.isNull() || (value.isTextual() && value.textValue().isBlank())) {
                continue;
            }
            if (found != null) {
                return reject(523, IDENTIFIER_AMBIGUOUS);
            }
            found = name;
        }
        if (found == null) {
            return reject(523, IDENTIFIER_MISSING);
        }
        JsonNode value = record.get(found);
        if (!value.isTextual() && !value.isIntegralNumber()) {
            return reject(523, "Identifier " + found + " must be a string or a whole number.");
        }
        return Optional.empty();
    }

    private static Optional<Rejection> checkTimestamp(JsonNode ts) {
        if (ts == null || ts.isNull()) {
            return Optional.empty(); // CleverTap defaults to the time of the upload
        }
        // Whole epoch seconds only: milliseconds, decimals, strings, zero and negatives are all refused.
        if (!ts.isIntegralNumber() || !ts.canConvertToLong()) {
            return reject(525, TIMESTAMP_INVALID);
        }
        long seconds = ts.longValue();
        if (seconds <= 0 || seconds >= MAX_EPOCH_SECONDS_EXCLUSIVE) {
            return reject(525, TIMESTAMP_INVALID);
        }
        return Optional.empty();
    }

    private static Optional<Rejection> checkEvent(JsonNode record) {
        JsonNode nameNode = record.get("evtName");
        if (nameNode == null || !nameNode.isTextual() || nameNode.textValue().isBlank()) {
            return reject(509, EVENT_NAME_MISSING);
        }
        String name = normalizeEventName(nameNode.textValue());
        if (RESERVED_EVENT_NAMES.contains(name)) {
            return reject(513, "Event name " + nameNode.textValue().strip() + " is restricted.");
        }
        JsonNode data = record.get("evtData");
        if (data == null || data.isNull()) {
            return Optional.empty();
        }
        if (!data.isObject()) {
            return reject(512, "Invalid record structure. evtData must be a JSON object.");
        }
        if (data.size() > MAX_EVENT_PROPERTIES) {
            return reject(522, "Event data has " + data.size() + " properties. At most " + MAX_EVENT_PROPERTIES
                    + " are allowed.");
        }
        boolean charged = CHARGED.equals(name);
        for (Map.Entry<String, JsonNode> field : data.properties()) {
            Optional<Rejection> rejection = checkKey(field.getKey(), false);
            if (rejection.isEmpty()) {
                JsonNode value = field.getValue();
                if (charged && ITEMS.equals(field.getKey()) && value.isArray()) {
                    rejection = checkItems(value);
                } else if (value.isValueNode()) {
                    rejection = checkScalar(field.getKey(), value);
                } else {
                    rejection = reject(512, "Invalid record structure. Event property '" + field.getKey()
                            + "' must be a string, number or boolean: only the Items of a Charged event may nest.");
                }
            }
            if (rejection.isPresent()) {
                return rejection;
            }
        }
        return Optional.empty();
    }

    // The one place CleverTap allows nesting: a list of flat objects (or plain values) under Charged/Items.
    private static Optional<Rejection> checkItems(JsonNode items) {
        for (JsonNode item : items) {
            if (item.isValueNode()) {
                Optional<Rejection> rejection = checkScalar(ITEMS, item);
                if (rejection.isPresent()) {
                    return rejection;
                }
                continue;
            }
            if (!item.isObject()) {
                return reject(512, "Invalid record structure. Items of a Charged event must be objects of plain values.");
            }
            for (Map.Entry<String, JsonNode> field : item.properties()) {
                if (!field.getValue().isValueNode()) {
                    return reject(512, "Invalid record structure. Items of a Charged event must be objects of plain values.");
                }
                Optional<Rejection> rejection = checkScalar(field.getKey(), field.getValue());
                if (rejection.isPresent()) {
                    return rejection;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> checkProfile(JsonNode record) {
        JsonNode data = record.get("profileData");
        if (data == null || data.isNull()) {
            return Optional.empty();
        }
        if (!data.isObject()) {
            return reject(512, "Invalid record structure. profileData must be a JSON object.");
        }
        if (data.size() > MAX_PROFILE_PROPERTIES) {
            return reject(522, "Profile data has " + data.size() + " properties. At most " + MAX_PROFILE_PROPERTIES
                    + " are allowed.");
        }
        for (Map.Entry<String, JsonNode> field : data.properties()) {
            Optional<Rejection> rejection = checkKey(field.getKey(), true);
            if (rejection.isEmpty()) {
                JsonNode value = field.getValue();
                if (value.isValueNode()) {
                    rejection = checkScalar(field.getKey(), value);
                } else if (value.isObject()) {
                    rejection = checkMultiValue(field.getKey(), value);
                } else {
                    rejection = reject(512, "Invalid record structure. Profile property '" + field.getKey()
                            + "' must be a plain value or a {\"$add\"|\"$remove\"|\"$set\": [...]} operation.");
                }
            }
            if (rejection.isPresent()) {
                return rejection;
            }
        }
        return checkStandardProfileFields(data);
    }

    private static Optional<Rejection> checkStandardProfileFields(JsonNode data) {
        if (!matchesText(data.get("Email"), EMAIL)) {
            return reject(515, EMAIL_INVALID);
        }
        if (!matchesText(data.get("Phone"), E164)) {
            return reject(516, PHONE_INVALID);
        }
        if (!isOneOf(data.get("Gender"), "M", "F")) {
            return reject(514, GENDER_INVALID);
        }
        if (!isOneOf(data.get("Employed"), "Y", "N")) {
            return reject(517, EMPLOYED_INVALID);
        }
        if (!isOneOf(data.get("Education"), "School", "College", "Graduate")) {
            return reject(518, EDUCATION_INVALID);
        }
        if (!isOneOf(data.get("Married"), "Y", "N")) {
            return reject(519, MARRIED_INVALID);
        }
        JsonNode age = data.get("Age");
        if (age != null && !age.isNull() && !age.isNumber() && !matchesText(age, NUMERIC)) {
            return reject(520, AGE_INVALID);
        }
        return Optional.empty();
    }

    private static Optional<Rejection> checkMultiValue(String key, JsonNode operation) {
        String shape = "Invalid record structure. Profile property '" + key
                + "' must be a plain value or a {\"$add\"|\"$remove\"|\"$set\": [...]} operation.";
        if (operation.size() != 1) {
            return reject(512, shape);
        }
        Map.Entry<String, JsonNode> op = operation.properties().iterator().next();
        if (!MULTI_VALUE_OPERATORS.contains(op.getKey()) || !op.getValue().isArray()) {
            return reject(512, shape);
        }
        JsonNode values = op.getValue();
        if (values.size() > MAX_MULTI_VALUES) {
            return reject(512, "Invalid record structure. Multi-value property '" + key + "' has " + values.size()
                    + " values. At most " + MAX_MULTI_VALUES + " are allowed.");
        }
        for (JsonNode value : values) {
            if (!value.isTextual()) {
                return reject(512, "Invalid record structure. Multi-value property '" + key
                        + "' must hold strings only.");
            }
            if (value.textValue().length() > MAX_MULTI_VALUE_LENGTH) {
                return reject(512, "Invalid record structure. A value of multi-value property '" + key
                        + "' is longer than " + MAX_MULTI_VALUE_LENGTH + " characters.");
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> checkKey(String key, boolean profile) {
        if (key.isEmpty()) {
            return reject(512, "Invalid record structure. Property names must not be empty.");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            return reject(512, "Invalid record structure. Property name '" + key.substring(0, 20)
                    + "...' is longer than " + MAX_KEY_LENGTH + " characters.");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (FORBIDDEN_KEY_CHARS.indexOf(c) >= 0 || (profile && c == '#')) {
                return reject(512, "Invalid record structure. Property name '" + key
                        + "' contains the character '" + c + "', which is not allowed.");
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> checkScalar(String key, JsonNode value) {
        // Cheap pre-check: a string of at most 170 chars can never exceed 512 UTF-8 bytes.
        if (value.isTextual() && value.textValue().length() > MAX_VALUE_BYTES / 3
                && value.textValue().getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            return reject(512, "Invalid record structure. Value of property '" + key + "' is longer than "
                    + MAX_VALUE_BYTES + " bytes.");
        }
        return Optional.empty();
    }

    // Absent and null standard fields are not checked: there is nothing to reject.
    private static boolean matchesText(JsonNode value, Pattern pattern) {
        return value == null || value.isNull() || (value.isTextual() && pattern.matcher(value.textValue()).matches());
    }

    private static boolean isOneOf(JsonNode value, String... allowed) {
        if (value == null || value.isNull()) {
            return true;
        }
        return value.isTextual() && List.of(allowed).contains(value.textValue());
    }

    static String normalizeEventName(String name) {
        StringBuilder normalized = new StringBuilder(name.length());
        name.codePoints().filter(cp -> !Character.isWhitespace(cp)).forEach(normalized::appendCodePoint);
        return normalized.toString().toLowerCase(Locale.ROOT);
    }

    private static Optional<Rejection> reject(int code, String message) {
        return Optional.of(new Rejection(code, message));
    }
}
