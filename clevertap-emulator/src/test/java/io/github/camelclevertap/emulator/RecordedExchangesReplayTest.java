package io.github.camelclevertap.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Replays the 21 exchanges recorded against the real CleverTap API: the emulator must answer them alike. */
class RecordedExchangesReplayTest {

    private static final String FIXTURE = "/fixtures/clevertap-real-responses.json";
    private static CleverTapEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        emulator = CleverTapEmulator.builder().account("ACC-1", "pass-1").build().start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void resetEmulator() {
        emulator.reset();
    }

    static Stream<Arguments> interactions() {
        JsonNode fixture = readFixture();
        List<Arguments> cases = new ArrayList<>();
        int index = 0;
        for (JsonNode interaction : fixture.get("interactions")) {
            index++;
            String cassette = interaction.get("cassette").asText().replaceFirst("\\.yml$", "");
            cases.add(arguments(String.format("%02d %s", index, cassette), interaction));
        }
        assertThat(cases).hasSize(21);
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interactions")
    void answersLikeCleverTap(String name, JsonNode interaction) throws Exception {
        int expectedStatus = interaction.get("http_status").asInt();
        // The recording stripped the headers; its 401 came from bad credentials, so replay it with an unknown account.
        UploadClient client = expectedStatus == 401
                ? new UploadClient(emulator, "UNKNOWN-ACCOUNT", "pass-1")
                : new UploadClient(emulator, "ACC-1", "pass-1");
        String query = URI.create(interaction.get("uri").asText()).getRawQuery();

        HttpResponse<String> response = client.upload(query, interaction.get("request_body").toString());

        JsonNode expected = interaction.get("response_body");
        JsonNode actual = UploadClient.json(response);
        assertThat(response.statusCode()).isEqualTo(expectedStatus);
        assertThat(actual.get("status")).isEqualTo(expected.get("status"));
        if (expected.has("processed")) {
            assertThat(actual.get("processed")).isEqualTo(expected.get("processed"));
            assertThat(codes(actual)).isEqualTo(codes(expected));
            assertThat(errors(actual)).isEqualTo(errors(expected));
            assertThat(emulator.storedRecordCount()).isEqualTo(expected.get("processed").asLong());
        } else {
            assertThat(actual).isEqualTo(expected);
            assertThat(emulator.storedRecordCount()).isZero();
        }
    }

    private static List<Integer> codes(JsonNode response) {
        List<Integer> codes = new ArrayList<>();
        response.get("unprocessed").forEach(entry -> codes.add(entry.get("code").asInt()));
        return codes;
    }

    private static List<String> errors(JsonNode response) {
        List<String> errors = new ArrayList<>();
        response.get("unprocessed").forEach(entry -> errors.add(entry.get("error").asText()));
        return errors;
    }

    private static JsonNode readFixture() {
        try (InputStream in = RecordedExchangesReplayTest.class.getResourceAsStream(FIXTURE)) {
            assertThat(in).as(FIXTURE).isNotNull();
            return UploadClient.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
