package io.github.camelclevertap.component.mapping;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.github.camelclevertap.component.record.Timestamps;
import io.github.camelclevertap.records.Rejection;
import io.github.camelclevertap.records.RecordValidator;

/**
 * CleverTap's standard profile fields, the Segment trait names they are read from and the value forms CleverTap takes
 * for them. A value that cannot take its field's form is reported with the reason, so the mapper can keep it as a
 * custom property instead of sending a profile CleverTap rejects.
 */
final class SegmentTraits {

    /** The value forms of CleverTap's standard fields. */
    enum Form {
        /** Any text, number or boolean, sent as text. */
        TEXT,
        /** An email address (515 otherwise). */
        EMAIL,
        /** E.164 (516 otherwise): spaces, dashes, dots and parentheses are dropped, the `+` is required. */
        PHONE,
        /** `M` or `F`, from male, female, m or f in any case (514 otherwise). */
        GENDER,
        /** `$D_<epoch seconds>`, from epoch seconds or milliseconds or an ISO-8601 date or date-time. */
        DATE,
        /** A number (520 otherwise); numeric text becomes a number. */
        NUMBER,
        /** `Y` or `N`, from booleans, y/n, yes/no, true/false in any case (517, 519 otherwise). */
        YES_NO,
        /** `School`, `College` or `Graduate`, in any case (518 otherwise). */
        EDUCATION,
        /** A boolean, from a boolean or the text true/false in any case. */
        BOOLEAN
    }

    /**
     * One standard field: its CleverTap key, its value form and the trait names it is read from.
     */
    record Field(String key, Form form, List<String> traits) {
    }

    /** The outcome of coercing a value: the value in CleverTap's form, or why there is none. */
    record Coerced(Object value, String reason) {

        static Coerced of(Object value) {
            return new Coerced(value, null);
        }

        static Coerced not(String reason) {
            return new Coerced(null, reason);
        }

        boolean ok() {
            return reason == null;
        }
    }

    /** Name parts, for `Name` when there is no `name` trait. */
    static final List<String> FIRST_NAMES = List.of("firstName", "firstname", "first_name");
    static final List<String> LAST_NAMES = List.of("lastName", "lastname", "last_name");

    /** The default table; trait names are compared ignoring case, `_`, `-` and spaces (see {@link #normalize}). */
    static final List<Field> DEFAULT_FIELDS = List.of(
            new Field("Name", Form.TEXT, List.of("name")),
            new Field("Email", Form.EMAIL, List.of("email")),
            new Field("Phone", Form.PHONE, List.of("phone")),
            new Field("Gender", Form.GENDER, List.of("gender")),
            new Field("DOB", Form.DATE, List.of("birthday", "dateOfBirth", "dob")),
            new Field("Age", Form.NUMBER, List.of("age")),
            new Field("Photo", Form.TEXT, List.of("avatar", "photo")),
            new Field("Employed", Form.YES_NO, List.of("employed")),
            new Field("Education", Form.EDUCATION, List.of("education")),
            new Field("Married", Form.YES_NO, List.of("married")),
            new Field("Customer Type", Form.TEXT, List.of("customerType")),
            new Field("MSG-email", Form.BOOLEAN, List.of("MSG-email")),
            new Field("MSG-push", Form.BOOLEAN, List.of("MSG-push")),
            new Field("MSG-sms", Form.BOOLEAN, List.of("MSG-sms")),
            new Field("MSG-whatsapp", Form.BOOLEAN, List.of("MSG-whatsapp")));

    /** RudderStack's table: exact trait names, as its CleverTap destination reads them. */
    static final List<Field> RUDDERSTACK_FIELDS = List.of(
            new Field("Email", Form.EMAIL, List.of("email")),
            new Field("Name", Form.TEXT, List.of("name")),
            new Field("Phone", Form.PHONE, List.of("phone")),
            new Field("Gender", Form.GENDER, List.of("gender")),
            new Field("Employed", Form.YES_NO, List.of("employed")),
            new Field("DOB", Form.DATE, List.of("birthday")),
            new Field("Education", Form.EDUCATION, List.of("education")),
            new Field("Married", Form.YES_NO, List.of("married")),
            new Field("Customer Type", Form.TEXT, List.of("customerType")),
            new Field("Photo", Form.TEXT, List.of("avatar")));

    /**
     * Traits RudderStack's destination never sends as custom properties (the standard ones, name parts and ids).
     */
    static final List<String> RUDDERSTACK_EXCLUDED = List.of(
            "email", "firstName", "firstname", "first_name", "lastName", "lastname", "last_name", "name", "phone",
            "gender", "education", "employed", "birthday", "married", "customerType", "anonymousId", "avatar",
            "userId", "id", "ts", "overrideFields");

    /** CleverTap's subscription-group keys: objects CleverTap reads as they are. */
    static final List<String> SUBSCRIPTION_GROUPS = List.of("category-unsubscribe", "category-resubscribe");

    private static final RecordValidator VALIDATOR = new RecordValidator();

    private SegmentTraits() {
    }

    /** A trait name as the default table compares it: lower case, without `_`, `-` and spaces. */
    static String normalize(String trait) {
        StringBuilder key = new StringBuilder(trait.length());
        trait.codePoints().filter(c -> c != '_' && c != '-' && !Character.isWhitespace(c)).forEach(key::appendCodePoint);
        return key.toString().toLowerCase(Locale.ROOT);
    }

    /** Whether a key is one of CleverTap's standard profile keys (a custom property must not take one). */
    static boolean isStandardKey(String key) {
        return DEFAULT_FIELDS.stream().anyMatch(field -> field.key().equals(key));
    }

    /** Coerces a trait value to the field's form and checks it against CleverTap's rules. */
    static Coerced coerce(Field field, Object value) {
        Coerced coerced = toForm(field.form(), value);
        if (!coerced.ok()) {
            return coerced;
        }
        Optional<Rejection> rejection = VALIDATOR.validate(
                Map.of("type", "profile", "identity", "probe", "profileData", Map.of(field.key(), coerced.value())));
        return rejection.map(r -> Coerced.not(r.message() + " (code " + r.code() + ")")).orElse(coerced);
    }

    private static Coerced toForm(Form form, Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return Coerced.not("an object or a list is not a " + form.name().toLowerCase(Locale.ROOT) + " value");
        }
        String text = value instanceof CharSequence chars ? chars.toString().strip() : null;
        return switch (form) {
            case TEXT -> Coerced.of(text != null ? text : value.toString());
            case EMAIL -> text != null ? Coerced.of(text) : Coerced.not("not text");
            case PHONE -> phone(text);
            case GENDER -> gender(text);
            case DATE -> date(value);
            case NUMBER -> number(value, text);
            case YES_NO -> yesNo(value, text);
            case EDUCATION -> education(text);
            case BOOLEAN -> bool(value, text);
        };
    }

    private static Coerced phone(String text) {
        if (text == null) {
            return Coerced.not("not text: E.164 needs a leading +");
        }
        StringBuilder digits = new StringBuilder(text.length());
        text.codePoints().filter(c -> c != ' ' && c != '-' && c != '.' && c != '(' && c != ')')
                .forEach(digits::appendCodePoint);
        return Coerced.of(digits.toString());
    }

    private static Coerced gender(String text) {
        String value = text == null ? "" : text.toLowerCase(Locale.ROOT);
        return switch (value) {
            case "m", "male" -> Coerced.of("M");
            case "f", "female" -> Coerced.of("F");
            default -> Coerced.not("CleverTap's Gender is M or F (code 514)");
        };
    }

    private static Coerced date(Object value) {
        try {
            Long seconds = Timestamps.readAtUtc(value);
            return seconds == null ? Coerced.not("blank") : Coerced.of(Timestamps.DATE_PREFIX + seconds);
        } catch (IllegalArgumentException e) {
            return Coerced.not("not epoch seconds, epoch milliseconds or an ISO-8601 date or date-time");
        }
    }

    private static Coerced number(Object value, String text) {
        if (value instanceof Number) {
            return Coerced.of(value);
        }
        if (text != null) {
            try {
                BigDecimal number = new BigDecimal(text);
                if (number.scale() <= 0 || number.stripTrailingZeros().scale() <= 0) {
                    long whole = number.longValueExact();
                    return Coerced.of(whole == (int) whole ? (Object) (int) whole : (Object) whole);
                }
                return Coerced.of(number.doubleValue());
            } catch (ArithmeticException | NumberFormatException e) {
                // not a number
            }
        }
        return Coerced.not("not a number (code 520)");
    }

    private static Coerced yesNo(Object value, String text) {
        if (value instanceof Boolean bool) {
            return Coerced.of(bool ? "Y" : "N");
        }
        String word = text == null ? String.valueOf(value) : text.toLowerCase(Locale.ROOT);
        return switch (word) {
            case "y", "yes", "true", "1" -> Coerced.of("Y");
            case "n", "no", "false", "0" -> Coerced.of("N");
            default -> Coerced.not("not Y or N, yes or no, true or false");
        };
    }

    private static Coerced education(String text) {
        String value = text == null ? "" : text.toLowerCase(Locale.ROOT);
        return switch (value) {
            case "school" -> Coerced.of("School");
            case "college" -> Coerced.of("College");
            case "graduate" -> Coerced.of("Graduate");
            default -> Coerced.not("CleverTap's Education is School, College or Graduate (code 518)");
        };
    }

    private static Coerced bool(Object value, String text) {
        if (value instanceof Boolean) {
            return Coerced.of(value);
        }
        if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
            return Coerced.of(Boolean.valueOf(text.toLowerCase(Locale.ROOT)));
        }
        return Coerced.not("not a boolean");
    }
}
