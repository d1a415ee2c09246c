package io.github.camelclevertap.component.mapping;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Date;

/**
 * Turns the time values payloads carry into what CleverTap takes: whole epoch seconds.
 *
 * - a number is epoch seconds, unless it is 100,000,000,000 or more: then it is epoch milliseconds (as seconds that
 *   would be the year 5138); decimals are cut to whole seconds;
 * - a string of digits is read as that number;
 * - an ISO-8601 instant (`2024-03-01T10:15:30Z`, `2024-03-01T10:15:30.123+01:00`), a local date-time (taken as
 *   UTC) or a date (`1990-05-17`, midnight UTC);
 * - an `Instant`, `Date` or other `java.time` instant.
 */
final class Timestamps {

    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private Timestamps() {
    }

    /**
     * @return epoch seconds, or null for a null or blank value
     * @throws IllegalArgumentException when the value is not a time
     */
    static Long toEpochSeconds(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return fromNumber(new BigDecimal(number.toString()));
        }
        if (value instanceof Instant instant) {
            return instant.getEpochSecond();
        }
        if (value instanceof Date date) {
            return Math.floorDiv(date.getTime(), 1000L);
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        }
        if (value instanceof LocalDateTime dateTime) {
            return dateTime.toEpochSecond(ZoneOffset.UTC);
        }
        if (value instanceof TemporalAccessor temporal) {
            return Instant.from(temporal).getEpochSecond();
        }
        if (value instanceof CharSequence text) {
            return fromText(text.toString().strip());
        }
        throw new IllegalArgumentException("a " + value.getClass().getSimpleName() + " is not a time");
    }

    private static Long fromNumber(BigDecimal number) {
        long whole = number.longValue();
        return whole >= MILLIS_THRESHOLD ? Math.floorDiv(whole, 1000L) : whole;
    }

    private static Long fromText(String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (text.chars().allMatch(Character::isDigit)) {
            return fromNumber(new BigDecimal(text));
        }
        try {
            return OffsetDateTime.parse(text).toEpochSecond();
        } catch (DateTimeParseException e) {
            // not with an offset: try the other forms
        }
        try {
            return LocalDateTime.parse(text).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // not a local date-time
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not epoch seconds, epoch milliseconds or an"
                                               + " ISO-8601 date or date-time");
        }
    }
}
