package io.github.camelclevertap.component.mapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.component.CleverTapConfiguration;
import io.github.camelclevertap.component.record.InvalidRecordException;
import io.github.camelclevertap.component.record.RecordPreparation;
import io.github.camelclevertap.records.JsonValues;
import io.github.camelclevertap.records.RecordValidator;
import io.github.camelclevertap.records.Rejection;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random payloads through the built-in mapping presets and the producer's coercion and validation: each one either
 * becomes a record CleverTap's rules accept (checked again on its JSON, as the emulator reads it), or is refused with
 * a code or a mapping error that names the field. Nothing else may happen: no other exception, no record that would
 * be refused later. The payloads use the keys the presets read, at random depths and with values of every JSON kind.
 */
class MappingFuzzTest {

    private static final int TRIES = 250;
    /** The per-record codes of CleverTap's documentation. */
    private static final Set<Integer> RECORD_CODES = Set.of(509, 512, 513, 514, 515, 516, 517, 518, 519, 520, 522, 523,
            524, 525, 526, 528);
    private static final List<String> KEYS = List.of("payload", "user_id", "name", "event_name", "properties", "amount",
            "currency", "product_id", "Identity", "Event Name", "Event Data", "Name", "Email", "Phone", "ProfileID",
            "CouponCode", "ts", "type", "Items", "$set", "a.b", "");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordValidator RULES = new RecordValidator();
    private static CamelContext camel;

    @BeforeContainer
    static void startCamel() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterContainer
    static void stopCamel() throws Exception {
        camel.close();
    }

    @Property(tries = TRIES, seed = "20261123")
    void aPresetMapsAPayloadToAValidRecordOrRefusesItNamingTheField(
            @ForAll("presetPayloads") PresetPayload input, @ForAll("nestedEventData") String nestedEventData)
            throws Exception {
        CleverTapRecordMapper mapper = CleverTapRecordMapper.preset(input.preset());
        Map<String, Object> payload = input.payload();
        mapper.setCamelContext(camel);
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(JSON.writeValueAsString(payload));
        try {
            mapper.process(exchange);
        } catch (CleverTapMappingException refused) {
            assertThat(refused.getField()).isNotBlank();
            assertThat(refused.getMessage()).contains(refused.getField());
            Statistics.collect("mapping refused: " + refused.getField());
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> record = exchange.getMessage().getBody(Map.class);
        assertProducerAcceptsOrRefuses(record, nestedEventData);
    }

    @Property(tries = TRIES, seed = "20261124")
    void anyRecordShapedMapIsSentValidOrRefusedWithACodeNamingTheField(
            @ForAll("records") Map<String, Object> record, @ForAll("nestedEventData") String nestedEventData)
            throws Exception {
        assertProducerAcceptsOrRefuses(record, nestedEventData);
    }

    private static void assertProducerAcceptsOrRefuses(Map<String, Object> record, String nestedEventData)
            throws Exception {
        CleverTapConfiguration configuration = new CleverTapConfiguration();
        configuration.setNestedEventData(nestedEventData);
        RecordPreparation preparation = RecordPreparation.forConfiguration(JSON, configuration);
        Map<String, Object> prepared;
        try {
            prepared = preparation.prepare(record);
        } catch (InvalidRecordException refused) {
            assertThat(RECORD_CODES).contains(refused.getCode());
            assertThat(refused.getField()).isNotBlank();
            assertThat(refused.getMessage()).contains("(field " + refused.getField() + ")");
            Statistics.collect("refused: " + refused.getCode());
            return;
        }
        // what the producer sends, read back the way the emulator reads a request
        Object sent = JsonValues.toJava(JSON.readTree(JSON.writeValueAsBytes(prepared)));
        Optional<Rejection> rejection = RULES.validate(sent);
        assertThat(rejection).as("CleverTap's rules accept the record the producer sends: %s", sent).isEmpty();
        Statistics.collect("sent");
    }

    /** A built-in preset and a payload with the fields it reads (each may be missing) plus random others. */
    @Provide
    Arbitrary<PresetPayload> presetPayloads() {
        return Arbitraries.of(PRESET_INPUTS.keySet()).flatMap(preset -> {
            List<String> paths = PRESET_INPUTS.get(preset);
            return Combinators.combine(fieldValues().list().ofSize(paths.size()), objects(2))
                    .as((values, extra) -> {
                        Map<String, Object> payload = new LinkedHashMap<>(extra);
                        for (int i = 0; i < paths.size(); i++) {
                            if (values.get(i) != MISSING) {
                                put(payload, paths.get(i).split("\\."), values.get(i));
                            }
                        }
                        return new PresetPayload(preset, payload);
                    });
        });
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> target, String[] path, Object value) {
        Map<String, Object> parent = target;
        for (int i = 0; i < path.length - 1; i++) {
            Object child = parent.get(path[i]);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                parent.put(path[i], child);
            }
            parent = (Map<String, Object>) child;
        }
        parent.put(path[path.length - 1], value);
    }

    @Provide
    Arbitrary<String> nestedEventData() {
        return Arbitraries.of(CleverTapConfiguration.NESTED_EVENT_DATA);
    }

    /**
     * Records close to valid ones: a type, usually one identifier, usually an event name, and properties with
     * CleverTap's standard keys and random values; each part may be missing, doubled or of the wrong kind.
     */
    @Provide
    Arbitrary<Map<String, Object>> records() {
        Arbitrary<Object> type = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of("profile", "event")),
                Tuple.of(1, scalars())).map(t -> (Object) t);
        Arbitrary<Object> eventName = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("Signed Up", "Charged", "Product Viewed", "App Launched", "Notification Sent",
                        "a.b", "Clicked $", "  signed up  ")),
                Tuple.of(2, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20)),
                Tuple.of(1, scalars())).map(t -> (Object) t);
        Arbitrary<Object> properties = Arbitraries.maps(
                Arbitraries.oneOf(Arbitraries.of(STANDARD_KEYS), Arbitraries.strings().ofMaxLength(10)),
                Arbitraries.frequencyOf(Tuple.of(8, fieldValues().filter(v -> v != MISSING)),
                        Tuple.of(1, objects(1).map(m -> (Object) m)),
                        Tuple.of(1, scalars().list().ofMaxSize(3).map(l -> (Object) l))))
                .ofMaxSize(6).map(m -> (Object) m);
        Arbitrary<String> identifierKeys = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of("identity", "objectId")),
                Tuple.of(1, Arbitraries.of("FBID", "GPID", "none", "both")));
        Arbitrary<Object> timestamps = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(MISSING)),
                Tuple.of(1, fieldValues()));
        return Combinators.combine(type, identifierKeys, fieldValues(), eventName, properties, timestamps)
                .as((recordType, identifierKey, identifier, name, data, ts) -> {
                    Map<String, Object> record = new LinkedHashMap<>();
                    record.put("type", recordType);
                    if (identifierKey.equals("both")) {
                        record.put("identity", identifier);
                        record.put("objectId", identifier);
                    } else if (!identifierKey.equals("none") && identifier != MISSING) {
                        record.put(identifierKey, identifier);
                    }
                    if (ts != MISSING) {
                        record.put("ts", ts);
                    }
                    if ("event".equals(recordType)) {
                        record.put("evtName", name);
                        record.put("evtData", data);
                    } else {
                        record.put("profileData", data);
                    }
                    return record;
                });
    }

    /** A value of a payload or record field, or {@link #MISSING}. */
    private static Arbitrary<Object> fieldValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12).map(s -> (Object) s)),
                Tuple.of(4, scalars()),
                Tuple.of(1, Arbitraries.just(MISSING)));
    }

    /** Where each built-in preset reads its payload, from its JSONPath expressions. */
    private static final Map<String, List<String>> PRESET_INPUTS = Map.of(
            "boltic-signup", List.of("payload.user_id", "payload.name"),
            "boltic-purchase", List.of("payload.user_id", "payload.event_name", "payload.properties.product_id",
                    "payload.properties.amount", "payload.properties.currency"),
            "pipedream-profile", List.of("Identity", "Name", "Email", "Phone"),
            "pipedream-event", List.of("Identity", "Event Name", "Event Data.Page", "Event Data.Count"),
            "talon-one-coupon", List.of("ProfileID", "CouponCode"));
    private static final List<String> STANDARD_KEYS = List.of("Name", "Email", "Phone", "Gender", "Employed",
            "Education", "Married", "Age", "DOB", "MSG-email", "Items", "Amount", "Customer Type", "a.b", "#tag");
    private static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<missing>";
        }
    };

    record PresetPayload(String preset, Map<String, Object> payload) {
    }

    private static Arbitrary<Map<String, Object>> objects(int depth) {
        Arbitrary<Object> value = depth <= 1
                ? scalars()
                : Arbitraries.frequencyOf(
                        Tuple.of(6, scalars()),
                        Tuple.of(2, objects(depth - 1).map(m -> (Object) m)),
                        Tuple.of(1, scalars().list().ofMaxSize(4).map(l -> (Object) l)));
        return Arbitraries.maps(Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.strings().ofMaxLength(8)), value)
                .ofMaxSize(5);
    }

    private static Arbitrary<Object> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30).map(s -> (Object) s),
                Arbitraries.strings().withChars("%><!|&.:;$'\"\\#").ofMaxLength(5).map(s -> (Object) s),
                Arbitraries.strings().ofMinLength(510).ofMaxLength(520).map(s -> (Object) s),
                Arbitraries.of("a@b.co", "not-an-email", "+4915112345678", "12345", "M", "F", "Y", "N", "$D_1700000000",
                        "2024-01-02T03:04:05Z").map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.of(0L, 1_700_000_000L, 1_700_000_000_000L, -1L).map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
    }
}
