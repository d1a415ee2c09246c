package io.github.camelclevertap.component.promises;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Promise 5 (the passcode never appears in exception messages): a passcode file holding two lines (a secret mounted
 * with a trailing comment line, a Windows-edited file with an inner CR, ...) keeps its inner line break after
 * {@code strip()}. The JDK then refused the header with {@code IllegalArgumentException: invalid header value: "<the
 * passcode>"}, and that text reached the exchange's exception and the log (failed on the upload path before the fix).
 * Now the endpoint refuses such a passcode when it starts, naming the option and never the value.
 */
class Promise5PasscodeInHeaderErrorTest extends PromisesTestSupport {

    private static final String SECRET_LINE = "TOPSECRET-pc-1234";

    @TempDir
    static Path dir;

    @Test
    void aPasscodeThatIsNoValidHeaderFailsTheStartWithoutQuotingIt() throws Exception {
        Path file = dir.resolve("passcode");
        Files.writeString(file, SECRET_LINE + "\n# rotated 2024-01-01\n");
        RouteBuilder route = new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload").to("clevertap:profile?region=eu1&accountId=" + accountId + "&passcodeFile="
                                         + file + "&baseUri=" + clevertap.baseUri()
                                         + "&batchTimeout=10&maxRetries=0");
            }
        };

        assertThatThrownBy(() -> context.addRoutes(route)).satisfies(failure -> {
            boolean named = false;
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).as("message of %s", t.getClass().getName())
                        .doesNotContain(SECRET_LINE);
                named |= String.valueOf(t.getMessage()).contains("Option passcodeFile");
            }
            assertThat(named).as("the error names the option").isTrue();
        });
    }
}
