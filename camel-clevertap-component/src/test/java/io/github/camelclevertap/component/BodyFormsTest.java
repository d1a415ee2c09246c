package io.github.camelclevertap.component;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BodyFormsTest extends CleverTapTestSupport {

    private static final String ONE = "{\"type\":\"event\",\"identity\":\"1\",\"evtName\":\"Clicked\",\"evtData\":{\"n\":1}}";
    private static final String TWO = "{\"type\":\"event\",\"identity\":\"2\",\"evtName\":\"Clicked\",\"evtData\":{\"n\":2}}";

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload").to(clevertap("event", "batchTimeout=10"));
            }
        };
    }

    static Stream<Arguments> twoRecordBodies() {
        Map<String, Object> one = event("1", "Clicked", Map.of("n", 1));
        Map<String, Object> two = event("2", "Clicked", Map.of("n", 2));
        return Stream.of(
                Arguments.of("List of maps", List.of(one, two)),
                Arguments.of("Iterator", List.of(one, two).iterator()),
                Arguments.of("Stream", Stream.of(one, two)),
                Arguments.of("array", new Object[] { one, two }),
                Arguments.of("List of JSON texts", List.of(ONE, TWO)),
                Arguments.of("JSON array text", "[" + ONE + "," + TWO + "]"),
                Arguments.of("newline-delimited JSON text", ONE + "\n" + TWO + "\n"),
                Arguments.of("JSON array bytes", ("[" + ONE + "," + TWO + "]").getBytes(StandardCharsets.UTF_8)),
                Arguments.of("newline-delimited JSON stream",
                        new ByteArrayInputStream((ONE + "\n" + TWO).getBytes(StandardCharsets.UTF_8))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twoRecordBodies")
    void manyRecordBodiesUploadEveryRecord(String form, Object body) {
        Exchange exchange = template.send("direct:upload", e -> e.getMessage().setBody(body));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(CleverTapConstants.PROCESSED)).isEqualTo(2);
        // Under load the batch timeout can cut the two records into two concurrent requests: any order.
        assertThat(emulator.storedRecords()).extracting(r -> r.get("identity")).containsExactlyInAnyOrder("1", "2");
    }

    static Stream<Arguments> oneRecordBodies() {
        return Stream.of(
                Arguments.of("Map", event("1", "Clicked", Map.of("n", 1))),
                Arguments.of("JSON text", ONE),
                Arguments.of("JSON bytes", ONE.getBytes(StandardCharsets.UTF_8)),
                Arguments.of("JSON stream", new ByteArrayInputStream(ONE.getBytes(StandardCharsets.UTF_8))),
                Arguments.of("POJO", new Click("1", "Clicked", Map.of("n", 1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneRecordBodies")
    void oneRecordBodiesUploadTheRecord(String form, Object body) {
        Exchange exchange = template.send("direct:upload", e -> e.getMessage().setBody(body));

        assertThat(exchange.getException()).isNull();
        assertThat(emulator.storedRecords()).singleElement()
                .isEqualTo(Map.of("type", "event", "identity", "1", "evtName", "Clicked", "evtData", Map.of("n", 1)));
    }

    @Test
    void anEmptyBodyFailsWithAClearMessage() {
        Exchange exchange = template.send("direct:upload", e -> e.getMessage().setBody(null));

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The message body is empty");
        assertThat(emulator.stats().requests()).isZero();
    }

    @Test
    void aBrokenLineInNewlineDelimitedJsonFailsTheExchangeAfterTheRecordsBeforeIt() {
        Exchange exchange = template.send("direct:upload", e -> e.getMessage().setBody(ONE + "\n{oops\n" + TWO));

        assertThat(exchange.getException()).isInstanceOf(CleverTapException.class)
                .hasMessageContaining("Could not read record 1 of the message body");
        assertThat(exchange.getMessage().getHeader(CleverTapConstants.PROCESSED)).isEqualTo(1);
        assertThat(emulator.storedRecords()).extracting(r -> r.get("identity")).containsExactly("1");
    }

    @Test
    void aValueThatIsNotARecordIsRejectedAlone() {
        Exchange exchange = template.send("direct:upload", e -> e.getMessage().setBody(List.of(ONE, "not json", 42)));

        List<RejectedRecord> rejected = exchange.getMessage().getHeader(CleverTapConstants.REJECTED_RECORDS, List.class);
        assertThat(rejected).extracting(RejectedRecord::index, RejectedRecord::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 400), org.assertj.core.groups.Tuple.tuple(2L, 512));
        assertThat(exchange.getMessage().getHeader(CleverTapConstants.STATUS)).isEqualTo("partial");
        assertThat(emulator.storedRecords()).hasSize(1);
    }

    public record Click(String identity, String evtName, Map<String, Object> evtData) {
        public String getType() {
            return "event";
        }
    }
}
