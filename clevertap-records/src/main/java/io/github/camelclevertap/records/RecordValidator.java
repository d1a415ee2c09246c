package io.github.camelclevertap.records;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * CleverTap's per-record rules for {@code POST /1/upload}, without any HTTP: the one implementation the emulator
 * answers with and the component validates with before sending.
 *
 * <p>A record is given as plain Java values, the shapes {@code ObjectMapper.readValue(json, Map.class)} gives: a
 * {@code Map} with {@code String} keys for a JSON object, a {@code List} (any {@code Collection} or {@code Object[]}
 * is read the same way) for an array, and {@code String}, {@code Number}, {@code Boolean} or {@code null} for the
 * rest. Whole numbers are {@code Integer}, {@code Long}, {@code Short}, {@code Byte} or {@code BigInteger}; every other
 * {@code Number} counts as a decimal. {@link JsonValues#toJava} turns a Jackson tree into these values.
 *
 * <p>Rules run in a fixed order and the first that fails decides the code: structure (512), type (524),
 * identifier (523), timestamp (525), then the event rules (509, 513, 512, 522) or the profile rules (512, 522,
 * then the standard fields 515, 516, 514, 517, 518, 519, 520). Keys and values inside {@code evtData} and
 * {@code profileData} are checked for length and forbidden characters (512). Top-level keys other than the
 * ones named here are ignored, so a sender's label such as {@code $source} passes, as it does at CleverTap.
 *
 * <p>Wordings copied from real CleverTap responses (see the recorded fixture): 515, 516, 517, 518, 519, 520 and
 * 525. All other messages are <b>our wording</b>, because CleverTap's text for them was never recorded:
 * 509 (event name missing), 512 (invalid structure, keys and values), 513 (restricted event name), 514 (gender),
 * 522 (too many properties), 523 (identifier missing, ambiguous or invalid) and 524 (type).
 *
 * <p>Instances are immutable and thread-safe.
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
    public static final String EMAIL_INVALID = "Profile data is incorrect. Email is not valid.";
    public static final String PHONE_INVALID = "Profile data is incorrect. Phone number is not valid.";
    public static final String EMPLOYED_INVALID = "Profile data is incorrect. Employed needs to be Y/N.";
    public static final String EDUCATION_INVALID
            = "Profile data is incorrect. Education needs to be School/College/Graduate..";
    public static final String MARRIED_INVALID = "Profile data is incorrect. Married needs to be Y/N.";
    public static final String AGE_INVALID = "Profile data is incorrect. Age is invalid.";
    public static final String TIMESTAMP_INVALID = "Timestamp should be present in the Unix Epoch format. ";

    // Our wording: CleverTap's own text for these codes is not recorded.
    public static final String GENDER_INVALID = "Profile data is incorrect. Gender needs to be M/F.";
    public static final String EVENT_NAME_MISSING = "Event name is missing.";
    public static final String TYPE_INVALID = "Record type must be profile or event.";
    public static final String IDENTIFIER_MISSING = "Record must have one of identity, objectId, FBID or GPID.";
    public static final String IDENTIFIER_AMBIGUOUS = "Record must have only one of identity, objectId, FBID or GPID.";
    public static final String NOT_AN_OBJECT = "Invalid record structure. Record must be a JSON object.";

    /** The identifier keys, in the order CleverTap names them. */
    public static final List<String> IDENTIFIERS = List.of("identity", "objectId", "FBID", "GPID");

    // Compared after lower-casing and removing all whitespace, as CleverTap compares event names.
    private static final Set<String> RESERVED_EVENT_NAMES = Set.of(
                    "Notification Sent", "Notification Viewed", "Notification Clicked", "Notification Delivered",
                    "Notification Replied", "UTM Visited", "App Launched", "App Uninstalled", "App Version Changed",
                    "Stayed", "Reply Sent", "Experiment Rendered", "Reachable By", "Identity Reset", "Identity Set",
                    "Identity Error")
            .stream().map(RecordValidator::normalizeEventName).collect(Collectors.toUnmodifiableSet());

    private static final String CHARGED = normalizeEventName("Charged");
    /** The one property that may nest: the list of purchased items of a {@code Charged} event. */
    public static final String ITEMS = "Items";
    private static final String FORBIDDEN_KEY_CHARS = "%><!|&.:;$'\"\\";
    private static final boolean[] FORBIDDEN_KEY_CHAR = asciiSet(FORBIDDEN_KEY_CHARS);
    private static final Set<String> MULTI_VALUE_OPERATORS = Set.of("$add", "$remove", "$set");

    // Plausible, not RFC 5322: CleverTap rejects "1234" and "$$$$$" and accepts ordinary addresses.
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
    private static final Pattern NUMERIC = Pattern.compile("^\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*$");
    /** Epoch seconds from here on (year 2286) are taken for milliseconds and refused. */
    public static final long MAX_EPOCH_SECONDS_EXCLUSIVE = 10_000_000_000L;

    private final int maxEventProperties;

    /** CleverTap's rules with the current limit of {@value #MAX_EVENT_PROPERTIES} properties per event. */
    public RecordValidator() {
        this(MAX_EVENT_PROPERTIES);
    }

    /**
     * CleverTap's rules with another limit of properties per event (older CleverTap documentation says 256).
     *
     * @param maxEventProperties the most properties an event's {@code evtData} may have, at least 1
     */
    public RecordValidator(int maxEventProperties) {
        if (maxEventProperties < 1) {
            throw new IllegalArgumentException("maxEventProperties must be at least 1 but was " + maxEventProperties);
        }
        this.maxEventProperties = maxEventProperties;
    }

    public int maxEventProperties() {
        return maxEventProperties;
    }

    /**
     * Checks one element of an upload's {@code d} array.
     *
     * @param  record the record as plain Java values (see the class documentation)
     * @return        the first rule the record breaks, or empty when CleverTap would process it
     */
    public Optional<Rejection> validate(Object record) {
        if (!(record instanceof Map<?, ?> map)) {
            return reject(512, NOT_AN_OBJECT, Rejection.WHOLE_RECORD);
        }
        Object type = map.get("type");
        // Device tokens are a CleverTap type too, but out of scope here: answered like any unknown type.
        if (!"profile".equals(type) && !"event".equals(type)) {
            return reject(524, TYPE_INVALID, "type");
        }
        Optional<Rejection> rejection = checkIdentifier(map);
        if (rejection.isEmpty()) {
            rejection = checkTimestamp(map.get("ts"));
        }
        if (rejection.isEmpty()) {
            rejection = "event".equals(type) ? checkEvent(map) : checkProfile(map);
        }
        return rejection;
    }

    /**
     * Whether an {@code evtName} names CleverTap's purchase event, {@code Charged}, whose {@code Items} may nest.
     * Names are compared case- and space-insensitively, as CleverTap compares them.
     */
    public static boolean isChargedEvent(Object evtName) {
        return evtName instanceof CharSequence name && sameEventName(name.toString(), CHARGED);
    }

    private static boolean isReservedEventName(String name) {
        for (String reserved : RESERVED_EVENT_NAMES) {
            if (sameEventName(name, reserved)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code name} normalises to {@code normalized}, without building the normalised text: this runs for
     * every event the component sends and every one the emulator receives, and building it was the largest share of
     * validation's CPU time and allocation. ASCII is compared char by char; other text takes the exact way.
     */
    private static boolean sameEventName(String name, String normalized) {
        int matched = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 0x80) {
                return normalized.equals(normalizeEventName(name));
            }
            if (Character.isWhitespace(c)) {
                continue;
            }
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (matched >= normalized.length() || normalized.charAt(matched++) != lower) {
                return false;
            }
        }
        return matched == normalized.length();
    }

    /**
     * An event name as CleverTap compares it: lower case, without any whitespace.
     */
    public static String normalizeEventName(String name) {
        StringBuilder normalized = new StringBuilder(name.length());
        name.codePoints().filter(cp -> !Character.isWhitespace(cp)).forEach(normalized::appendCodePoint);
        return normalized.toString().toLowerCase(Locale.ROOT);
    }

    private static Optional<Rejection> checkIdentifier(Map<?, ?> record) {
        String found = null;
        for (String name : IDENTIFIERS) {
            Object value = record.get(name);
            String text = text(value);
            if (value == null || (text != null && text.isBlank())) {
                continue;
            }
            if (found != null) {
                return reject(523, IDENTIFIER_AMBIGUOUS, name);
            }
            found = name;
        }
        if (found == null) {
            return reject(523, IDENTIFIER_MISSING, IDENTIFIERS.get(0));
        }
        Object value = record.get(found);
        if (text(value) == null && !isWholeNumber(value)) {
            return reject(523, "Identifier " + found + " must be a string or a whole number.", found);
        }
        return Optional.empty();
    }

    private static Optional<Rejection> checkTimestamp(Object ts) {
        if (ts == null) {
            return Optional.empty(); // CleverTap defaults to the time of the upload
        }
        // Whole epoch seconds only: milliseconds, decimals, strings, zero and negatives are all refused.
        if (!isWholeNumber(ts) || (ts instanceof BigInteger big && big.bitLength() > 63)) {
            return reject(525, TIMESTAMP_INVALID, "ts");
        }
        long seconds = ((Number) ts).longValue();
        if (seconds <= 0 || seconds >= MAX_EPOCH_SECONDS_EXCLUSIVE) {
            return reject(525, TIMESTAMP_INVALID, "ts");
        }
        return Optional.empty();
    }

    private Optional<Rejection> checkEvent(Map<?, ?> record) {
        String name = text(record.get("evtName"));
        if (name == null || name.isBlank()) {
            return reject(509, EVENT_NAME_MISSING, "evtName");
        }
        if (isReservedEventName(name)) {
            return reject(513, "Event name " + name.strip() + " is restricted.", "evtName");
        }
        Object evtData = record.get("evtData");
        if (evtData == null) {
            return Optional.empty();
        }
        if (!(evtData instanceof Map<?, ?> data)) {
            return reject(512, "Invalid record structure. evtData must be a JSON object.", "evtData");
        }
        if (data.size() > maxEventProperties) {
            return reject(522, "Event data has " + data.size() + " properties. At most " + maxEventProperties
                    + " are allowed.", "evtData");
        }
        boolean charged = isChargedEvent(name);
        for (Map.Entry<?, ?> field : data.entrySet()) {
            String key = String.valueOf(field.getKey());
            if (isFineProperty(key, field.getValue(), false)) {
                continue;
            }
            String path = "evtData." + key;
            Optional<Rejection> rejection = checkKey(key, false, path);
            if (rejection.isEmpty()) {
                Object value = field.getValue();
                List<?> items = asList(value);
                if (charged && ITEMS.equals(key) && items != null) {
                    rejection = checkItems(items, path);
                } else if (isScalar(value)) {
                    rejection = checkScalar(key, value, path);
                } else {
                    rejection = reject(512, "Invalid record structure. Event property '" + key
                            + "' must be a string, number or boolean: only the Items of a Charged event may nest.",
                            path);
                }
            }
            if (rejection.isPresent()) {
                return rejection;
            }
        }
        return Optional.empty();
    }

    // The one place CleverTap allows nesting: a list of flat objects (or plain values) under Charged/Items.
    private static Optional<Rejection> checkItems(List<?> items, String itemsPath) {
        String shape = "Invalid record structure. Items of a Charged event must be objects of plain values.";
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            String itemPath = itemsPath + "[" + i + "]";
            if (isScalar(item)) {
                Optional<Rejection> rejection = checkScalar(ITEMS, item, itemPath);
                if (rejection.isPresent()) {
                    return rejection;
                }
                continue;
            }
            if (!(item instanceof Map<?, ?> object)) {
                return reject(512, shape, itemPath);
            }
            for (Map.Entry<?, ?> field : object.entrySet()) {
                String key = String.valueOf(field.getKey());
                String path = itemPath + "." + key;
                if (!isScalar(field.getValue())) {
                    return reject(512, shape, path);
                }
                Optional<Rejection> rejection = checkScalar(key, field.getValue(), path);
                if (rejection.isPresent()) {
                    return rejection;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> checkProfile(Map<?, ?> record) {
        Object profileData = record.get("profileData");
        if (profileData == null) {
            return Optional.empty();
        }
        if (!(profileData instanceof Map<?, ?> data)) {
            return reject(512, "Invalid record structure. profileData must be a JSON object.", "profileData");
        }
        if (data.size() > MAX_PROFILE_PROPERTIES) {
            return reject(522, "Profile data has " + data.size() + " properties. At most " + MAX_PROFILE_PROPERTIES
                    + " are allowed.", "profileData");
        }
        for (Map.Entry<?, ?> field : data.entrySet()) {
            String key = String.valueOf(field.getKey());
            if (isFineProperty(key, field.getValue(), true)) {
                continue;
            }
            String path = "profileData." + key;
            Optional<Rejection> rejection = checkKey(key, true, path);
            if (rejection.isEmpty()) {
                Object value = field.getValue();
                if (isScalar(value)) {
                    rejection = checkScalar(key, value, path);
                } else if (value instanceof Map<?, ?> operation) {
                    rejection = checkMultiValue(key, operation, path);
                } else {
                    rejection = reject(512, multiValueShape(key), path);
                }
            }
            if (rejection.isPresent()) {
                return rejection;
            }
        }
        return checkStandardProfileFields(data);
    }

    private static Optional<Rejection> checkStandardProfileFields(Map<?, ?> data) {
        if (!matchesText(data.get("Email"), EMAIL)) {
            return reject(515, EMAIL_INVALID, "profileData.Email");
        }
        if (!matchesText(data.get("Phone"), E164)) {
            return reject(516, PHONE_INVALID, "profileData.Phone");
        }
        if (!isOneOf(data.get("Gender"), "M", "F")) {
            return reject(514, GENDER_INVALID, "profileData.Gender");
        }
        if (!isOneOf(data.get("Employed"), "Y", "N")) {
            return reject(517, EMPLOYED_INVALID, "profileData.Employed");
        }
        if (!isOneOf(data.get("Education"), "School", "College", "Graduate")) {
            return reject(518, EDUCATION_INVALID, "profileData.Education");
        }
        if (!isOneOf(data.get("Married"), "Y", "N")) {
            return reject(519, MARRIED_INVALID, "profileData.Married");
        }
        Object age = data.get("Age");
        if (age != null && !(age instanceof Number) && !matchesText(age, NUMERIC)) {
            return reject(520, AGE_INVALID, "profileData.Age");
        }
        return Optional.empty();
    }

    private static Optional<Rejection> checkMultiValue(String key, Map<?, ?> operation, String path) {
        if (operation.size() != 1) {
            return reject(512, multiValueShape(key), path);
        }
        Map.Entry<?, ?> op = operation.entrySet().iterator().next();
        String operator = String.valueOf(op.getKey());
        List<?> values = asList(op.getValue());
        if (!MULTI_VALUE_OPERATORS.contains(operator) || values == null) {
            return reject(512, multiValueShape(key), path);
        }
        String operatorPath = path + "." + operator;
        if (values.size() > MAX_MULTI_VALUES) {
            return reject(512, "Invalid record structure. Multi-value property '" + key + "' has " + values.size()
                    + " values. At most " + MAX_MULTI_VALUES + " are allowed.", operatorPath);
        }
        for (int i = 0; i < values.size(); i++) {
            String value = text(values.get(i));
            if (value == null) {
                return reject(512, "Invalid record structure. Multi-value property '" + key
                        + "' must hold strings only.", operatorPath + "[" + i + "]");
            }
            if (value.length() > MAX_MULTI_VALUE_LENGTH) {
                return reject(512, "Invalid record structure. A value of multi-value property '" + key
                        + "' is longer than " + MAX_MULTI_VALUE_LENGTH + " characters.", operatorPath + "[" + i + "]");
            }
        }
        return Optional.empty();
    }

    private static String multiValueShape(String key) {
        return "Invalid record structure. Profile property '" + key
                + "' must be a plain value or a {\"$add\"|\"$remove\"|\"$set\": [...]} operation.";
    }

    /**
     * Whether a property with a plain value passes every check, found without building its path or a message: the
     * checks below run only for the rest, to say what is wrong. Validating every record the component sends (and the
     * emulator receives) made those paths a large share of validation's time.
     */
    private static boolean isFineProperty(String key, Object value, boolean profile) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !isScalar(value) || !fitsValueLimit(value)) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < FORBIDDEN_KEY_CHAR.length && FORBIDDEN_KEY_CHAR[c] || profile && c == '#') {
                return false;
            }
        }
        return true;
    }

    private static boolean[] asciiSet(String chars) {
        boolean[] set = new boolean[128];
        chars.chars().forEach(c -> set[c] = true);
        return set;
    }

    private static Optional<Rejection> checkKey(String key, boolean profile, String path) {
        if (key.isEmpty()) {
            return reject(512, "Invalid record structure. Property names must not be empty.", path);
        }
        if (key.length() > MAX_KEY_LENGTH) {
            return reject(512, "Invalid record structure. Property name '" + key.substring(0, 20)
                    + "...' is longer than " + MAX_KEY_LENGTH + " characters.", path);
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (FORBIDDEN_KEY_CHARS.indexOf(c) >= 0 || (profile && c == '#')) {
                return reject(512, "Invalid record structure. Property name '" + key
                        + "' contains the character '" + c + "', which is not allowed.", path);
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> checkScalar(String key, Object value, String path) {
        if (!fitsValueLimit(value)) {
            return reject(512, "Invalid record structure. Value of property '" + key + "' is longer than "
                    + MAX_VALUE_BYTES + " bytes.", path);
        }
        return Optional.empty();
    }

    private static boolean fitsValueLimit(Object value) {
        String text = text(value);
        // Cheap pre-check: a string of at most 170 chars can never exceed 512 UTF-8 bytes.
        return text == null || text.length() <= MAX_VALUE_BYTES / 3
               || text.getBytes(StandardCharsets.UTF_8).length <= MAX_VALUE_BYTES;
    }

    // Absent and null standard fields are not checked: there is nothing to reject.
    private static boolean matchesText(Object value, Pattern pattern) {
        String text = text(value);
        return value == null || (text != null && pattern.matcher(text).matches());
    }

    private static boolean isOneOf(Object value, String... allowed) {
        return value == null || Arrays.asList(allowed).contains(text(value));
    }

    private static boolean isScalar(Object value) {
        return value == null || value instanceof CharSequence || value instanceof Character || value instanceof Number
                || value instanceof Boolean;
    }

    private static boolean isWholeNumber(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger;
    }

    private static String text(Object value) {
        return value instanceof CharSequence || value instanceof Character ? value.toString() : null;
    }

    private static List<?> asList(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof Collection<?> collection) {
            return new ArrayList<>(collection); // null elements allowed
        }
        if (value instanceof Object[] array) {
            return Arrays.asList(array);
        }
        return null;
    }

    private static Optional<Rejection> reject(int code, String message, String field) {
        return Optional.of(new Rejection(code, message, field));
    }
}
