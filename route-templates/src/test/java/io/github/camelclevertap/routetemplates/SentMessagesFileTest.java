package io.github.camelclevertap.routetemplates;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Slack source's default state directory does not exist on a first start: the file and its directory are made,
 * and what one run added is known to the next.
 */
class SentMessagesFileTest {

    @TempDir
    Path dir;

    @Test
    void theFileAndItsDirectoryAreMadeAndTheNextRunKnowsItsKeys() throws Exception {
        Path file = dir.resolve(".clevertap-slack-source/general.sent");
        SentMessagesFile first = new SentMessagesFile();
        first.setPath(file.toString());
        first.start();
        assertThat(first.add("1763899200.000100")).isTrue();
        first.stop();

        SentMessagesFile second = new SentMessagesFile();
        second.setPath(file.toString());
        second.start();

        assertThat(Files.readAllLines(file)).containsExactly("1763899200.000100");
        assertThat(second.add("1763899200.000100")).isFalse();
        assertThat(second.add("1763899201.000100")).isTrue();
        second.stop();
    }
}
