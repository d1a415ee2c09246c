package io.github.camelclevertap.component.record;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.regex.Pattern;

/**
 * The one place that turns points in time into what CleverTap reads: epoch seconds for a record's `ts`, and
 * `"$D_<epoch seconds>"` for a date property.
 */
public final class Timestamps {

    /**
     * Whole numbers from here on are epoch milliseconds, smaller ones epoch seconds. 10^11 seconds is the year 5138,
     * 10^11 milliseconds is 3 March 1973: any real timestamp in milliseconds is above it, any in seconds below.
     */
    public static final long MILLISECONDS_FROM = 100_000_000_000L;
    /** The prefix CleverTap reads a string property as a date by. */
    public static final String DATE_PREFIX = "$D_";

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
    private static final BigDecimal MILLISECONDS_FROM_DECIMAL = BigDecimal.valueOf(MILLISECONDS_FROM);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private Timestamps() {
    }

    /**
     * Epoch seconds of a point in time, or `null` when the value is not one this class reads (it is then left for
     * validation to judge). Read are:
     * <ul>
     * <li>`Instant`, `OffsetDateTime`, `ZonedDateTime` and `Date` (with `java.sql.Timestamp`);</li>
     * <li>positive numbers: seconds, or milliseconds from {@link #MILLISECONDS_FROM} on; decimals are truncated;</li>
     * <li>text: digits alone (read as a number) or ISO-8601 with an offset or zone, such as `2024-03-01T10:15:30Z` or
     * `2024-03-01T10:15:30+02:00`.</li>
     * </ul>
     * `LocalDate`, `LocalDateTime` and ISO text without an offset are not points in time and are not read, nor are
     * zero and negative numbers (CleverTap refuses them with 525).
     */
    public static Long epochSeconds(Object value) {
        if (value instanceof Instant instant) {
            return instant.getEpochSecond();
        }
        if (value instanceof OffsetDateTime dateTime) {
            return dateTime.toEpochSecond();
        }
        if (value instanceof ZonedDateTime dateTime) {
            return dateTime.toEpochSecond();
        }
        if (value instanceof Date date) {
            return Math.floorDiv(date.getTime(), 1000L);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return fromWholeNumber(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? fromWholeNumber(big.longValue()) : null;
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return fromDecimal(value);
        }
        if (value instanceof CharSequence text) {
            return fromText(text.toString().strip());
        }
        return null;
    }

    /**
     * Reads a time from a mapped payload, where dates and date-times without an offset are common and are taken at
     * UTC: everything {@link #epochSeconds(Object)} reads, plus `LocalDate`, `LocalDateTime` and ISO text without an
     * offset.
     *
     * @return epoch seconds, or `null` for a null or blank value
     * @throws IllegalArgumentException when the value is not a time
     */
    public static Long readAtUtc(Object value) {
        if (value == null || value instanceof CharSequence text && text.toString().isBlank()) {
            return null;
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        }
        if (value instanceof LocalDateTime dateTime) {
            return dateTime.toEpochSecond(ZoneOffset.UTC);
        }
        Long seconds = epochSeconds(value);
        if (seconds != null) {
            return seconds;
        }
        if (value instanceof CharSequence text) {
            String local = text.toString().strip();
            try {
                return LocalDateTime.parse(local).toEpochSecond(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // not a local date-time: perhaps a date
            }
            try {
                return LocalDate.parse(local).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + local + "' is not epoch seconds, epoch milliseconds or an"
                                                   + " ISO-8601 date or date-time");
            }
        }
        throw new IllegalArgumentException("a " + value.getClass().getSimpleName() + " is not a time");
    }

    /**
     * `"$D_<epoch seconds>"` for a date value, or `null` when the value is not a date. Dates are `Instant`,
     * `OffsetDateTime`, `ZonedDateTime`, `Date` and `LocalDate` (taken at midnight UTC).
     */
    public static String dateProperty(Object value) {
        if (value instanceof LocalDate date) {
            return DATE_PREFIX + date.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        }
        if (value instanceof Instant || value instanceof OffsetDateTime || value instanceof ZonedDateTime
                || value instanceof Date) {
            return DATE_PREFIX + epochSeconds(value);
        }
        return null;
    }

    private static Long fromWholeNumber(long number) {
        if (number <= 0) {
            return null;
        }
        return number >= MILLISECONDS_FROM ? number / 1000 : number;
    }

    private static Long fromDecimal(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                return null;
            }
        }
        BigDecimal number = value instanceof BigDecimal big ? big : BigDecimal.valueOf(((Number) value).doubleValue());
        if (number.signum() <= 0) {
            return null;
        }
        if (number.compareTo(MILLISECONDS_FROM_DECIMAL) >= 0) {
            number = number.divide(THOUSAND);
        }
        BigInteger seconds = number.setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        return seconds.bitLength() < 64 && seconds.signum() > 0 ? seconds.longValue() : null;
    }

    private static Long fromText(String text) {
        if (DIGITS.matcher(text).matches()) {
            try {
                return fromWholeNumber(Long.parseLong(text));
            } catch (NumberFormatException e) {
                return null; // more than a long holds
            }
        }
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
            return parsed.isSupported(ChronoField.INSTANT_SECONDS) ? parsed.getLong(ChronoField.INSTANT_SECONDS) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
