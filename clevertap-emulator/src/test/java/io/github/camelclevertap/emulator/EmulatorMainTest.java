package io.github.camelclevertap.emulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EmulatorMainTest {

    @Test
    void parsesEveryOption() throws Exception {
        CleverTapEmulator.Builder builder = EmulatorMain.parse(new String[] {"--host", "127.0.0.1", "--port", "0",
                "--account", "ACC-1:pa:ss", "--account", "ACC-2:p2", "--latency-ms", "5", "--max-concurrent", "3"});

        try (CleverTapEmulator emulator = builder.build().start()) {
            assertThat(emulator.accountIds()).containsExactly("ACC-1", "ACC-2");
            assertThat(emulator.latency()).isEqualTo(Duration.ofMillis(5));
            // The passcode is everything after the first colon.
            UploadClient client = new UploadClient(emulator, "ACC-1", "pa:ss");
            assertThat(client.upload(UploadClient.batch(UploadClient.event("u1"))).statusCode()).isEqualTo(200);
            assertThat(emulator.toString()).doesNotContain("pa:ss").doesNotContain("p2");
        }
    }

    @Test
    void helpReturnsNoBuilder() {
        assertThat(EmulatorMain.parse(new String[] {"--help"})).isNull();
    }

    @Test
    void refusesBadArguments() {
        assertThatIllegalArgumentException().isThrownBy(() -> EmulatorMain.parse(new String[] {"--port"}));
        assertThatIllegalArgumentException().isThrownBy(() -> EmulatorMain.parse(new String[] {"--port", "x"}));
        assertThatIllegalArgumentException().isThrownBy(() -> EmulatorMain.parse(new String[] {"--account", "nocolon"}));
        assertThatIllegalArgumentException().isThrownBy(() -> EmulatorMain.parse(new String[] {"--bogus", "1"}));
    }
}
