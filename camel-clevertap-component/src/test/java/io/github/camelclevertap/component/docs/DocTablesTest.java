package io.github.camelclevertap.component.docs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The option and header tables of the component page are the generated metadata's, so they cannot drift from the
 * code again (they once left out lazyStartProducer and the health check options). On a difference the message shows
 * both tables; {@link DocTables#main} rewrites them.
 */
class DocTablesTest {

    @Test
    void theDocsTablesAreTheGeneratedMetadatas() throws Exception {
        String doc = Files.readString(DocTables.DOC, StandardCharsets.UTF_8);
        for (Map.Entry<String, String> section : DocTables.render(DocTables.metadata()).entrySet()) {
            assertThat(DocTables.between(doc, section.getKey()))
                    .as("the doc's '%s' between its START and END markers (run DocTables.main to rewrite it)",
                            section.getKey())
                    .isEqualTo(section.getValue());
        }
    }

    @Test
    void everyOptionAndHeaderOfTheMetadataHasARow() throws Exception {
        String doc = Files.readString(DocTables.DOC, StandardCharsets.UTF_8);
        var json = DocTables.metadata();
        json.path("componentProperties").fieldNames().forEachRemaining(
                name -> assertThat(DocTables.between(doc, "component options"))
                        .containsAnyOf("| *" + name + "* (", "`" + name + "`"));
        json.path("properties").fieldNames().forEachRemaining(
                name -> assertThat(DocTables.between(doc, "endpoint options")).contains("| *" + name + "* ("));
        json.path("headers").fieldNames().forEachRemaining(
                name -> assertThat(DocTables.between(doc, "component headers")).contains("| *" + name + "* |"));
        assertThat(DocTables.between(doc, "component options"))
                .contains("`lazyStartProducer`", "*healthCheckProducerEnabled*", "*healthCheckConsumerEnabled*");
    }

    @Test
    void theFirstSentenceEndsAtAFullStopFollowedBySpace() {
        assertThat(DocTables.firstSentence("Picks https://{region}.api.clevertap.com. Any other fails."))
                .isEqualTo("Picks https://{region}.api.clevertap.com.");
        assertThat(DocTables.firstSentence("No full stop")).isEqualTo("No full stop");
    }
}
