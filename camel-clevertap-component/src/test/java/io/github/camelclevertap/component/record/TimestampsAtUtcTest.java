package io.github.camelclevertap.component.record;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampsAtUtcTest {

    @Test
    void numbersAreEpochSecondsOrMillisecondsFromTheYear5138On() {
        assertThat(Timestamps.readAtUtc(1709288130)).isEqualTo(1709288130L);
        assertThat(Timestamps.readAtUtc(1709288130123L)).isEqualTo(1709288130L);
        assertThat(Timestamps.readAtUtc(1709288130.9)).isEqualTo(1709288130L);
        assertThat(Timestamps.readAtUtc(99_999_999_999L)).isEqualTo(99_999_999_999L);
        assertThat(Timestamps.readAtUtc("1709288130123")).isEqualTo(1709288130L);
    }

    @Test
    void isoTextAndJavaTimesAreConverted() {
        assertThat(Timestamps.readAtUtc("2024-03-01T10:15:30Z")).isEqualTo(1709288130L);
        assertThat(Timestamps.readAtUtc("2024-03-01T10:15:30.999Z")).isEqualTo(1709288130L);
        assertThat(Timestamps.readAtUtc("2024-03-01T11:15:30+01:00")).isEqualTo(1709288130L);
        assertThat(Timestamps.readAtUtc("2024-03-01T10:15:30")).isEqualTo(1709288130L);
        assertThat(Timestamps.readAtUtc("1990-05-17")).isEqualTo(642902400L);
        assertThat(Timestamps.readAtUtc(Instant.ofEpochSecond(1709288130))).isEqualTo(1709288130L);
        assertThat(Timestamps.readAtUtc(new Date(1709288130500L))).isEqualTo(1709288130L);
        assertThat(Timestamps.readAtUtc(LocalDate.of(1990, 5, 17))).isEqualTo(642902400L);
        assertThat(Timestamps.readAtUtc(OffsetDateTime.parse("2024-03-01T10:15:30Z"))).isEqualTo(1709288130L);
    }

    @Test
    void nothingGivesNothingAndOtherTextFails() {
        assertThat(Timestamps.readAtUtc(null)).isNull();
        assertThat(Timestamps.readAtUtc(" ")).isNull();
        assertThatThrownBy(() -> Timestamps.readAtUtc("yesterday"))
                .hasMessage("'yesterday' is not epoch seconds, epoch milliseconds or an ISO-8601 date or date-time");
        assertThatThrownBy(() -> Timestamps.readAtUtc(true)).hasMessage("a Boolean is not a time");
    }
}
