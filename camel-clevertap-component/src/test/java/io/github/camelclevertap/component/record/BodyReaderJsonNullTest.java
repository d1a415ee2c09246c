package io.github.camelclevertap.component.record;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A body that is the JSON literal null, or empty: a clear error naming the rule, never a NullPointerException. */
class BodyReaderJsonNullTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final BodyReader reader = new BodyReader(mapper);

    @Test
    void theJsonLiteralNullIsOneNullRecordThatTheFactoryRejects() throws Exception {
        for (Object body : new Object[] { "null", " null ", "null".getBytes(StandardCharsets.UTF_8) }) {
            RecordInput input = reader.read(body);
            assertThat(input.single()).isTrue();
            Object raw = input.records().next();
            assertThat(raw).isNull();
            assertThat(input.records().hasNext()).isFalse();
            assertThatThrownBy(() -> new RecordFactory(mapper, "profile", false).toRecord(raw, null))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessageContaining("Record is null: expected a JSON object or a Map");
        }
    }

    @Test
    void anEmptyOrBlankBodySaysWhatIsExpected() {
        for (Object body : new Object[] { "", "   ", new byte[0] }) {
            assertThatThrownBy(() -> reader.read(body)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("holds no JSON record: it is empty or only whitespace");
        }
    }
}
