package io.github.camelclevertap.component.record;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.component.CleverTapConfiguration;
import io.github.camelclevertap.component.record.RecordCoercion.NestedEventData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * What coercion makes of Java values, as exact records.
 */
class RecordCoercionTest {

    /** 2024-03-01T08:15:30Z */
    private static final long SECONDS = 1_709_280_930L;
    /** 2024-03-01T00:00:00Z */
    private static final long MIDNIGHT = 1_709_251_200L;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final RecordCoercion reject = new RecordCoercion(MAPPER, NestedEventData.REJECT);
    private final RecordCoercion flatten = new RecordCoercion(MAPPER, NestedEventData.FLATTEN);
    private final RecordCoercion stringify = new RecordCoercion(MAPPER, NestedEventData.STRINGIFY);

    static Stream<Arguments> timestamps() {
        return Stream.of(
                arguments("Instant, nanoseconds dropped", Instant.ofEpochSecond(SECONDS, 999_000_000), SECONDS),
                arguments("OffsetDateTime", OffsetDateTime.of(2024, 3, 1, 10, 15, 30, 0, ZoneOffset.ofHours(2)), SECONDS),
                arguments("ZonedDateTime in summer time",
                        ZonedDateTime.of(2024, 7, 1, 10, 0, 0, 0, ZoneId.of("Europe/Sofia")), 1_719_817_200L),
                arguments("Date", new Date(SECONDS * 1000 + 999), SECONDS),
                arguments("java.sql.Timestamp", new Timestamp(SECONDS * 1000), SECONDS),
                arguments("ISO-8601 UTC", "2024-03-01T08:15:30Z", SECONDS),
                arguments("ISO-8601 with offset and fraction", "2024-03-01T10:15:30.75+02:00", SECONDS),
                arguments("ISO-8601 with zone", "2024-03-01T10:15:30+02:00[Europe/Sofia]", SECONDS),
                arguments("epoch seconds as Integer", (int) SECONDS, SECONDS),
                arguments("epoch seconds as Long", SECONDS, SECONDS),
                arguments("epoch milliseconds", SECONDS * 1000 + 999, SECONDS),
                arguments("epoch milliseconds as BigInteger", BigInteger.valueOf(SECONDS * 1000), SECONDS),
                arguments("epoch milliseconds as text", " " + (SECONDS * 1000) + " ", SECONDS),
                arguments("epoch seconds as text", String.valueOf(SECONDS), SECONDS),
                arguments("decimal epoch seconds", SECONDS + 0.75, SECONDS),
                arguments("decimal epoch milliseconds", new BigDecimal(SECONDS + "123.9"), SECONDS),
                arguments("the threshold: 10^11 is milliseconds", 100_000_000_000L, 100_000_000L),
                arguments("just below the threshold: seconds", 99_999_999_999L, 99_999_999_999L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timestamps")
    void timestampsBecomeEpochSeconds(String description, Object ts, long seconds) throws Exception {
        Map<String, Object> record = record("ts", ts);

        assertThat(reject.coerce(record)).isEqualTo(Map.of("type", "profile", "identity", "u1", "ts", seconds));
        assertThat(Timestamps.epochSeconds(ts)).isEqualTo(seconds);
    }

    static Stream<Arguments> unreadableTimestamps() {
        return Stream.of(
                arguments("zero", 0, 0),
                arguments("negative", -5L, -5L),
                arguments("ISO-8601 without an offset", "2024-03-01T10:15:30", "2024-03-01T10:15:30"),
                arguments("other text", "yesterday", "yesterday"),
                arguments("more digits than a long", "99999999999999999999", "99999999999999999999"),
                arguments("LocalDate", LocalDate.of(2024, 3, 1), "2024-03-01"),
                arguments("LocalDateTime", LocalDateTime.of(2024, 3, 1, 10, 15), "2024-03-01T10:15"),
                arguments("boolean", true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableTimestamps")
    void unreadableTimestampsAreLeftForValidation(String description, Object ts, Object sent) throws Exception {
        assertThat(reject.coerce(record("ts", ts))).isEqualTo(Map.of("type", "profile", "identity", "u1", "ts", sent));
        assertThat(Timestamps.epochSeconds(ts)).isNull();
    }

    @Test
    void datePropertiesBecomeCleverTapDates() throws Exception {
        Map<String, Object> evtData = new LinkedHashMap<>();
        evtData.put("Instant", Instant.ofEpochSecond(SECONDS, 5));
        evtData.put("Date", new Date(SECONDS * 1000));
        evtData.put("OffsetDateTime", OffsetDateTime.of(2024, 3, 1, 10, 15, 30, 0, ZoneOffset.ofHours(2)));
        evtData.put("ZonedDateTime", ZonedDateTime.of(2024, 3, 1, 8, 15, 30, 0, ZoneId.of("UTC")));
        evtData.put("LocalDate", LocalDate.of(2024, 3, 1));
        evtData.put("Text", "2024-03-01T08:15:30Z");
        evtData.put("Number", SECONDS);

        Map<String, Object> coerced = reject.coerce(event("Order Placed", evtData));

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("Instant", "$D_" + SECONDS);
        expected.put("Date", "$D_" + SECONDS);
        expected.put("OffsetDateTime", "$D_" + SECONDS);
        expected.put("ZonedDateTime", "$D_" + SECONDS);
        expected.put("LocalDate", "$D_" + MIDNIGHT);
        expected.put("Text", "2024-03-01T08:15:30Z");
        expected.put("Number", SECONDS);
        assertThat(evtData(coerced)).containsExactlyEntriesOf(expected);
    }

    @Test
    void datesInProfilesAndChargedItemsToo() throws Exception {
        Map<String, Object> profile = record("profileData",
                Map.of("DOB", LocalDate.of(2024, 3, 1), "Visits", List.of(Instant.ofEpochSecond(SECONDS))));
        Map<String, Object> charged = event("Charged",
                Map.of("Items", List.of(Map.of("Delivery", LocalDate.of(2024, 3, 1)))));

        assertThat(reject.coerce(profile)).isEqualTo(record("profileData",
                Map.of("DOB", "$D_" + MIDNIGHT, "Visits", Map.of("$set", List.of("$D_" + SECONDS)))));
        assertThat(reject.coerce(charged)).isEqualTo(event("Charged",
                Map.of("Items", List.of(Map.of("Delivery", "$D_" + MIDNIGHT)))));
    }

    @Test
    void collectionsInProfilesBecomeSetOperations() throws Exception {
        Map<String, Object> profileData = new LinkedHashMap<>();
        profileData.put("List", List.of("a", "b"));
        profileData.put("Set", new LinkedHashSet<>(List.of("c", "d")));
        profileData.put("Array", new String[] { "e" });
        profileData.put("Empty", List.of());
        profileData.put("Add", Map.of("$add", List.of("f")));
        profileData.put("Remove", Map.of("$remove", new LinkedHashSet<>(List.of("g"))));
        profileData.put("Ints", new int[] { 1, 2 });
        profileData.put("Name", "Jane");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("List", Map.of("$set", List.of("a", "b")));
        expected.put("Set", Map.of("$set", List.of("c", "d")));
        expected.put("Array", Map.of("$set", List.of("e")));
        expected.put("Empty", Map.of("$set", List.of()));
        expected.put("Add", Map.of("$add", List.of("f")));
        expected.put("Remove", Map.of("$remove", List.of("g")));
        expected.put("Ints", Map.of("$set", List.of(1, 2)));
        expected.put("Name", "Jane");
        assertThat(reject.coerce(record("profileData", profileData))).isEqualTo(record("profileData", expected));
    }

    @Test
    void collectionsInEventsAreNotSetOperations() throws Exception {
        assertThat(reject.coerce(event("Viewed", Map.of("Tags", new String[] { "a" }))))
                .isEqualTo(event("Viewed", Map.of("Tags", List.of("a"))));
    }

    @Test
    void rejectLeavesNestedEventDataForValidation() throws Exception {
        Map<String, Object> evtData = Map.of("Address", Map.of("City", "Sofia"), "Tags", List.of("a"));

        assertThat(reject.coerce(event("Moved", evtData))).isEqualTo(event("Moved", evtData));
    }

    @Test
    void flattenNamesNestedPropertiesParentUnderscoreChild() throws Exception {
        Map<String, Object> geo = new LinkedHashMap<>();
        geo.put("Lat", 42.7);
        geo.put("Lon", 23.3);
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("City", "Sofia");
        address.put("Geo", geo);
        address.put("Since", LocalDate.of(2024, 3, 1));
        Map<String, Object> evtData = new LinkedHashMap<>();
        evtData.put("Before", 1);
        evtData.put("Address", address);
        evtData.put("Tags", List.of("a"));
        evtData.put("Empty", Map.of());
        evtData.put("After", true);

        Map<String, Object> coerced = flatten.coerce(event("Moved", evtData));

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("Before", 1);
        expected.put("Address_City", "Sofia");
        expected.put("Address_Geo_Lat", 42.7);
        expected.put("Address_Geo_Lon", 23.3);
        expected.put("Address_Since", "$D_" + MIDNIGHT);
        expected.put("Tags", List.of("a"));
        expected.put("After", true);
        assertThat(evtData(coerced)).containsExactlyEntriesOf(expected);
    }

    @Test
    void flattenRefusesToMakeTwoPropertiesOfOneName() {
        Map<String, Object> evtData = new LinkedHashMap<>();
        evtData.put("Address", Map.of("City", "Sofia"));
        evtData.put("Address_City", "Plovdiv");

        assertThatThrownBy(() -> flatten.coerce(event("Moved", evtData)))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(512);
                    assertThat(e.getField()).isEqualTo("evtData.Address_City");
                    assertThat(e.getMessage()).isEqualTo("Invalid record structure. Flattening evtData gives the"
                                                         + " property 'Address_City' twice. (field evtData.Address_City)");
                });
    }

    @Test
    void stringifyWritesNestedObjectsAndListsAsJsonText() throws Exception {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("City", "Sofia");
        address.put("Since", Instant.ofEpochSecond(SECONDS));
        Map<String, Object> evtData = new LinkedHashMap<>();
        evtData.put("Address", address);
        evtData.put("Tags", List.of("a", 2));
        evtData.put("Plain", "x");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("Address", "{\"City\":\"Sofia\",\"Since\":\"$D_" + SECONDS + "\"}");
        expected.put("Tags", "[\"a\",2]");
        expected.put("Plain", "x");
        assertThat(stringify.coerce(event("Moved", evtData))).isEqualTo(event("Moved", expected));
    }

    @Test
    void theItemsOfAChargedEventAreNeverFlattenedNorStringified() throws Exception {
        Map<String, Object> shoe = new LinkedHashMap<>();
        shoe.put("Name", "Shoe");
        shoe.put("Price", 99.5);
        List<Object> items = List.of(shoe);
        Map<String, Object> evtData = new LinkedHashMap<>();
        evtData.put("Items", items);
        evtData.put("Meta", Map.of("Channel", "web"));

        assertThat(flatten.coerce(event(" charged ", evtData)))
                .isEqualTo(event(" charged ", Map.of("Items", items, "Meta_Channel", "web")));
        assertThat(stringify.coerce(event("Charged", evtData)))
                .isEqualTo(event("Charged", Map.of("Items", items, "Meta", "{\"Channel\":\"web\"}")));
        assertThat(stringify.coerce(event("Purchased", Map.of("Items", items))))
                .isEqualTo(event("Purchased", Map.of("Items", "[{\"Name\":\"Shoe\",\"Price\":99.5}]")));
    }

    enum Channel {
        WEB
    }

    public record Product(String name, double price) {
    }

    @Test
    void otherValuesBecomeWhatJacksonWrites() throws Exception {
        UUID id = UUID.fromString("3f1c9d2e-5b7a-4c8e-9f10-2a3b4c5d6e7f");
        Map<String, Object> evtData = new LinkedHashMap<>();
        evtData.put("Id", id);
        evtData.put("Channel", Channel.WEB);
        evtData.put("Letter", 'x');
        evtData.put("Text", new StringBuilder("sb"));
        evtData.put("Product", new Product("Shoe", 99.5));

        assertThat(reject.coerce(event("Viewed", evtData))).isEqualTo(event("Viewed", Map.of(
                "Id", id.toString(), "Channel", "WEB", "Letter", "x", "Text", "sb",
                "Product", Map.of("name", "Shoe", "price", 99.5))));
    }

    @Test
    void aValueJacksonCannotWriteIsRejectedWithItsField() {
        assertThatThrownBy(() -> reject.coerce(event("Viewed", Map.of("At", LocalDateTime.of(2024, 3, 1, 10, 15)))))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(512);
                    assertThat(e.getField()).isEqualTo("evtData.At");
                    assertThat(e.getMessage()).startsWith("Value of type java.time.LocalDateTime cannot be written as JSON: ")
                            .endsWith(" (field evtData.At)");
                });
    }

    @Test
    void theGivenRecordIsNotChanged() throws Exception {
        Map<String, Object> profileData = new LinkedHashMap<>();
        profileData.put("Tags", new ArrayList<>(List.of("a")));
        profileData.put("DOB", LocalDate.of(2024, 3, 1));
        Map<String, Object> record = record("profileData", profileData);
        record.put("ts", Instant.ofEpochSecond(SECONDS));
        String before = record.toString();

        reject.coerce(record);

        assertThat(record).hasToString(before);
    }

    @Test
    void aRecordOfJsonValuesAloneIsSentAsItIsWithoutACopy() throws Exception {
        Map<String, Object> record = MAPPER.readValue("""
                {"type": "event", "identity": "u1", "evtName": "Charged",
                 "evtData": {"Amount": 9.5, "Paid": true, "Note": null, "Items": [{"Sku": "A", "Qty": 2}]}}
                """, Map.class);
        Map<String, Object> withSeconds = record("ts", SECONDS);

        assertThat(flatten.coerce(record)).isSameAs(record);
        assertThat(reject.coerce(withSeconds)).isSameAs(withSeconds);
    }

    @Test
    void epochSecondsReadAsAnIntegerAreTheOnlyValueReplaced() throws Exception {
        Map<String, Object> profileData = Map.of("Name", "Ann");
        Map<String, Object> record = record("profileData", profileData);
        record.put("ts", 1_700_000_000);

        Map<String, Object> coerced = reject.coerce(record);

        assertThat(coerced).isNotSameAs(record).containsExactly(Map.entry("type", "profile"),
                Map.entry("identity", "u1"), Map.entry("profileData", profileData), Map.entry("ts", 1_700_000_000L));
        assertThat(coerced.get("profileData")).isSameAs(profileData);
        assertThat(record.get("ts")).isEqualTo(1_700_000_000);
    }

    @Test
    void aValueThatNeedsCoercingAnywhereMakesACopy() throws Exception {
        Map<String, Object> nested = event("Moved", Map.of("Address", Map.of("City", "Sofia")));

        assertThat(reject.coerce(nested)).isSameAs(nested);
        assertThat(flatten.coerce(nested)).isNotSameAs(nested)
                .isEqualTo(event("Moved", Map.of("Address_City", "Sofia")));
        assertThat(reject.coerce(record("profileData", Map.of("Tags", List.of("a")))))
                .isEqualTo(record("profileData", Map.of("Tags", Map.of("$set", List.of("a")))));
        assertThat(reject.coerce(record("Since", LocalDate.of(2024, 3, 1))))
                .isEqualTo(record("Since", "$D_" + MIDNIGHT));
    }

    @Test
    void preparationValidatesUnlessValidationIsOff() throws Exception {
        CleverTapConfiguration configuration = new CleverTapConfiguration();
        Map<String, Object> badEmail = record("profileData", Map.of("Email", "1234"));

        assertThatThrownBy(() -> RecordPreparation.forConfiguration(MAPPER, configuration).prepare(badEmail))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(515);
                    assertThat(e.getMessage()).isEqualTo("Profile data is incorrect. Email is not valid. (field profileData.Email)");
                    assertThat(e.getRecord()).isEqualTo(badEmail);
                });
        configuration.setValidate(false);
        assertThat(RecordPreparation.forConfiguration(MAPPER, configuration).prepare(badEmail)).isEqualTo(badEmail);
    }

    @Test
    void preparationCoercesBeforeItValidates() throws Exception {
        CleverTapConfiguration configuration = new CleverTapConfiguration();
        configuration.setNestedEventData("flatten");
        configuration.setMaxEventProperties(2);
        RecordPreparation preparation = RecordPreparation.forConfiguration(MAPPER, configuration);

        assertThat(preparation.prepare(event("Moved", Map.of("Address", Map.of("City", "Sofia")))))
                .isEqualTo(event("Moved", Map.of("Address_City", "Sofia")));
        assertThatThrownBy(() -> preparation.prepare(event("Moved", Map.of("Address", Map.of("A", 1, "B", 2, "C", 3)))))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("Event data has 3 properties. At most 2 are allowed. (field evtData)"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> evtData(Map<String, Object> event) {
        return (Map<String, Object>) event.get("evtData");
    }

    private static Map<String, Object> record(String key, Object value) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", "profile");
        record.put("identity", "u1");
        record.put(key, value);
        return record;
    }

    private static Map<String, Object> event(String name, Map<String, Object> evtData) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", "event");
        record.put("identity", "u1");
        record.put("evtName", name);
        record.put("evtData", evtData);
        return record;
    }
}
