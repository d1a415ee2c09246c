package io.github.camelclevertap.component;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelclevertap.component.record.InvalidRecordException;
import io.github.camelclevertap.component.record.RecordFactory;
import io.github.camelclevertap.component.record.RecordPreparation;
import io.github.camelclevertap.records.Rejection;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every record of the 21 exchanges recorded against the real CleverTap API, through the component's local checks with
 * the default options: each must get exactly the code CleverTap answered for it, with CleverTap's words and the field,
 * and the records CleverTap stored must pass.
 */
class RecordedExchangesLocalValidationTest {

    // The emulator module's copy of /work/shared/fixtures/clevertap-real-responses.json, read in place.
    private static final File FIXTURE
            = new File("../clevertap-emulator/src/test/resources/fixtures/clevertap-real-responses.json");
    private static final Pattern RECORD_NUMBER = Pattern.compile("^(.*)Skipped record number : (\\d+)$", Pattern.DOTALL);
    // The field each recorded code is about: CleverTap's answer does not name it.
    private static final Map<Integer, String> FIELDS = Map.of(
            515, "profileData.Email", 516, "profileData.Phone", 517, "profileData.Employed",
            518, "profileData.Education", 519, "profileData.Married", 520, "profileData.Age", 525, "ts");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DefaultCamelContext CONTEXT = new DefaultCamelContext();

    @AfterAll
    static void closeContext() throws Exception {
        CONTEXT.close();
    }

    /** One case per record: its interaction, position, the record and CleverTap's answer for it (null: stored). */
    static Stream<Arguments> recordedRecords() throws Exception {
        JsonNode fixture = MAPPER.readTree(FIXTURE);
        List<Arguments> cases = new ArrayList<>();
        int interaction = 0;
        for (JsonNode exchange : fixture.get("interactions")) {
            interaction++;
            JsonNode records = exchange.get("request_body").get("d");
            JsonNode[] answers = new JsonNode[records.size()];
            for (JsonNode entry : exchange.get("response_body").path("unprocessed")) {
                Matcher matcher = RECORD_NUMBER.matcher(entry.get("error").asText());
                assertThat(matcher.matches()).as(entry.toString()).isTrue();
                answers[Integer.parseInt(matcher.group(2)) - 1] = entry;
            }
            for (int i = 0; i < records.size(); i++) {
                String name = String.format("%02d.%d http %d %s", interaction, i + 1, exchange.get("http_status").asInt(),
                        answers[i] == null ? "stored" : "code " + answers[i].get("code").asInt());
                cases.add(arguments(name, MAPPER.convertValue(records.get(i), Map.class), answers[i]));
            }
        }
        return cases.stream();
    }

    @Test
    void theFixtureHoldsTheRecordedExchanges() throws Exception {
        List<Arguments> cases = recordedRecords().toList();
        assertThat(MAPPER.readTree(FIXTURE).get("interactions")).hasSize(21);
        assertThat(cases).hasSize(32);
        assertThat(cases).filteredOn(c -> c.get()[2] != null).hasSize(18);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedRecords")
    void localValidationAnswersLikeCleverTap(String name, Map<String, Object> record, JsonNode answer) throws Exception {
        CleverTapConfiguration defaults = new CleverTapConfiguration();
        defaults.setType((String) record.get("type"));
        RecordFactory factory = new RecordFactory(MAPPER, defaults.getType(), defaults.isAllowMixedTypes());
        RecordPreparation preparation = RecordPreparation.forConfiguration(MAPPER, defaults);
        Message message = new DefaultExchange(CONTEXT).getMessage();

        InvalidRecordException rejection = null;
        Map<String, Object> prepared = null;
        try {
            prepared = preparation.prepare(factory.toRecord(record, message));
        } catch (InvalidRecordException e) {
            rejection = e;
        }

        if (answer == null) {
            assertThat(rejection).as("CleverTap stored this record").isNull();
            assertThat(json(prepared)).as("sent as recorded").isEqualTo(json(record));
        } else {
            int code = answer.get("code").asInt();
            Matcher matcher = RECORD_NUMBER.matcher(answer.get("error").asText());
            assertThat(matcher.matches()).isTrue();
            assertThat(rejection).as("CleverTap answered " + answer).isNotNull();
            assertThat(rejection.getCode()).isEqualTo(code);
            assertThat(rejection.getField()).isEqualTo(FIELDS.get(code));
            assertThat(rejection.getMessage()).isEqualTo(Rejection.describe(matcher.group(1), FIELDS.get(code)));
            assertThat(json(rejection.getRecord())).isEqualTo(json(record));
        }
    }

    private static String json(Map<String, Object> record) throws Exception {
        return MAPPER.writeValueAsString(record);
    }
}
