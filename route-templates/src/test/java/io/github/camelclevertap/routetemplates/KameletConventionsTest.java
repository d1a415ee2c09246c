package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kamelets follow the conventions of the apache/camel-kamelets catalog (its validator's checks): names, labels,
 * annotations, a documented JSON schema per property, credentials marked as such, every placeholder declared and
 * every property used.
 */
class KameletConventionsTest {

    private static final Path KAMELETS = Path.of("src/main/resources/kamelets");
    private static final String TYPE_LABEL = "camel.apache.org/kamelet.type";
    private static final String CREDENTIALS = "urn:camel:group:credentials";
    /** Properties that hold secrets, whatever Kamelet declares them. */
    private static final Set<String> SECRETS = Set.of("passcode", "secret", "token", "saslJaasConfig",
            "sslTruststorePassword", "sslKeystorePassword", "sslKeyPassword");
    /** `{{name}}`, `{{?name}}` and `{{name:default}}`, as the catalog validator reads them. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([A-Za-z0-9-._]+)(?::[^}]*)?}}");
    private static final Set<String> SMALL_WORDS = Set.of("a", "an", "and", "as", "by", "for", "from", "in", "of",
            "on", "or", "per", "the", "to", "with");
    private static final String PROJECT_VERSION = System.getProperty("project.version");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private record Kamelet(Path file, JsonNode yaml) {

        String name() {
            return yaml.path("metadata").path("name").asText();
        }

        JsonNode definition() {
            return yaml.path("spec").path("definition");
        }
    }

    private static List<Kamelet> kamelets() throws IOException {
        List<Kamelet> kamelets = new ArrayList<>();
        try (Stream<Path> files = Files.list(KAMELETS)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".kamelet.yaml")).sorted()
                    .toList()) {
                kamelets.add(new Kamelet(file, YAML.readTree(file.toFile())));
            }
        }
        return kamelets;
    }

    @Test
    void theModuleShipsItsKamelets() throws IOException {
        assertThat(kamelets()).extracting(Kamelet::name)
                .containsExactly("clevertap-file-source", "clevertap-kafka-source", "clevertap-record-action", "clevertap-segment-action",
                        "clevertap-sink", "clevertap-slack-source", "clevertap-sql-source",
                        "clevertap-webhook-source");
    }

    @Test
    void nameMatchesTheFileAndTheTypeLabel() throws IOException {
        for (Kamelet kamelet : kamelets()) {
            String type = kamelet.yaml().path("metadata").path("labels").path(TYPE_LABEL).asText();
            assertThat(kamelet.yaml().path("apiVersion").asText()).isEqualTo("camel.apache.org/v1");
            assertThat(kamelet.yaml().path("kind").asText()).isEqualTo("Kamelet");
            assertThat(kamelet.file().getFileName().toString()).isEqualTo(kamelet.name() + ".kamelet.yaml");
            assertThat(type).as(kamelet.name()).isIn("source", "sink", "action");
            assertThat(kamelet.name()).endsWith("-" + type);
            assertThat(kamelet.definition().path("title").asText())
                    .as("title of " + kamelet.name())
                    .endsWith(Character.toUpperCase(type.charAt(0)) + type.substring(1));
            assertThat(kamelet.definition().path("description").asText()).as(kamelet.name()).isNotBlank();
            assertThat(kamelet.definition().path("type").asText()).isEqualTo("object");
        }
    }

    @Test
    void annotationsNameTheCatalogVersionIconAndProvider() throws IOException {
        assertThat(PROJECT_VERSION).as("project.version system property from the build").isNotBlank();
        for (Kamelet kamelet : kamelets()) {
            JsonNode annotations = kamelet.yaml().path("metadata").path("annotations");
            assertThat(annotations.path("camel.apache.org/catalog.version").asText()).as(kamelet.name())
                    .isEqualTo(PROJECT_VERSION);
            assertThat(annotations.path("camel.apache.org/kamelet.icon").asText()).startsWith("data:image/svg+xml;");
            assertThat(annotations.path("camel.apache.org/provider").asText()).isNotBlank();
            assertThat(annotations.path("camel.apache.org/kamelet.support.level").asText()).isNotBlank();
        }
    }

    @Test
    void everyPropertyHasATitleDescriptionAndType() throws IOException {
        for (Kamelet kamelet : kamelets()) {
            kamelet.definition().path("properties").properties().forEach(entry -> {
                String what = kamelet.name() + "." + entry.getKey();
                JsonNode property = entry.getValue();
                assertThat(entry.getKey()).as(what + " is camelCase").matches("[a-z][A-Za-z0-9]*");
                assertThat(property.path("title").asText()).as(what + " title").isNotBlank()
                        .doesNotStartWith("The ").doesNotStartWith("A ").doesNotStartWith("An ");
                for (String word : property.path("title").asText().split(" ")) {
                    if (!SMALL_WORDS.contains(word.toLowerCase())) {
                        assertThat(Character.isUpperCase(word.charAt(0))).as(what + " title word " + word).isTrue();
                    }
                }
                assertThat(property.path("description").asText()).as(what + " description").isNotBlank();
                assertThat(property.path("type").asText()).as(what + " type")
                        .isIn("string", "integer", "number", "boolean", "object", "array");
                if (property.has("default")) {
                    assertThat(property.path("default").getNodeType().name().toLowerCase())
                            .as(what + " default matches its type")
                            .isEqualTo(property.path("type").asText().equals("integer")
                                    ? "number" : property.path("type").asText());
                }
            });
            kamelet.definition().path("required").forEach(required -> assertThat(
                    kamelet.definition().path("properties").has(required.asText()))
                    .as(kamelet.name() + " required " + required).isTrue());
        }
    }

    @Test
    void secretsArePasswordsInTheCredentialsGroup() throws IOException {
        int secrets = 0;
        for (Kamelet kamelet : kamelets()) {
            for (Map.Entry<String, JsonNode> entry : kamelet.definition().path("properties").properties()) {
                JsonNode property = entry.getValue();
                boolean password = "password".equals(property.path("format").asText());
                List<String> descriptors = new ArrayList<>();
                property.path("x-descriptors").forEach(d -> descriptors.add(d.asText()));
                if (SECRETS.contains(entry.getKey())) {
                    secrets++;
                    assertThat(password).as(kamelet.name() + "." + entry.getKey() + " format: password").isTrue();
                }
                if (password) {
                    assertThat(descriptors).as(kamelet.name() + "." + entry.getKey()).containsExactly(CREDENTIALS);
                }
            }
        }
        assertThat(secrets).as("the sink's passcode, the webhook secret, the Slack token and the Kafka source's SASL"
                               + " and SSL secrets").isEqualTo(7);
    }

    @Test
    void everyPlaceholderIsDeclaredAndEveryPropertyIsUsed() throws IOException {
        for (Kamelet kamelet : kamelets()) {
            JsonNode template = kamelet.yaml().path("spec").path("template");
            Set<String> used = new TreeSet<>();
            collectPlaceholders(template, used);
            Set<String> declared = new TreeSet<>();
            kamelet.definition().path("properties").fieldNames().forEachRemaining(declared::add);
            template.path("beans").forEach(bean -> declared.add(bean.path("name").asText()));

            assertThat(used).as(kamelet.name() + ": placeholders used in the template").isEqualTo(declared);
        }
    }

    @Test
    void sinksConsumeFromSourceAndActionsTooAndDependenciesAreWellFormed() throws IOException {
        for (Kamelet kamelet : kamelets()) {
            JsonNode spec = kamelet.yaml().path("spec");
            String type = kamelet.yaml().path("metadata").path("labels").path(TYPE_LABEL).asText();
            String template = spec.path("template").toString();
            if (type.equals("source")) {
                assertThat(template).contains("kamelet:sink");
            } else {
                assertThat(spec.path("template").path("from").path("uri").asText()).isEqualTo("kamelet:source");
            }
            List<String> dependencies = new ArrayList<>();
            spec.path("dependencies").forEach(d -> dependencies.add(d.asText()));
            assertThat(dependencies).as(kamelet.name()).contains("camel:kamelet",
                    "mvn:io.github.camelclevertap:camel-clevertap-component:" + PROJECT_VERSION);
            assertThat(dependencies).allMatch(d -> d.startsWith("camel:") || d.matches("mvn:[^:]+:[^:]+:[^:]+"),
                    "camel:<component> or mvn:group:artifact:version");
        }
    }

    @Test
    void titlesAndDescriptionsAreUnique() throws IOException {
        Set<String> titles = new HashSet<>();
        Set<String> descriptions = new HashSet<>();
        for (Kamelet kamelet : kamelets()) {
            assertThat(titles.add(kamelet.definition().path("title").asText())).isTrue();
            assertThat(descriptions.add(kamelet.definition().path("description").asText())).isTrue();
        }
    }

    private static void collectPlaceholders(JsonNode node, Set<String> names) {
        if (node.isTextual()) {
            Matcher matcher = PLACEHOLDER.matcher(node.asText());
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        node.forEach(child -> collectPlaceholders(child, names));
    }
}
