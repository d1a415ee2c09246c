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
import org.apache.camel.catalog.CamelCatalog;
import org.apache.camel.catalog.DefaultCamelCatalog;
import org.apache.camel.tooling.model.ComponentModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kamelets follow the conventions of the apache/camel-kamelets catalog (its validator's checks): names, labels,
 * annotations, a documented JSON schema per property, credentials marked as such, every placeholder declared and
 * every property used, every option given to an endpoint one its component has in Camel's catalog.
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

    private static final String MASTER_PREFIX = "{{clevertap-master:{{clusterNamespace:}}}}";

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

    @Test
    void descriptionsAreOneShortLineAsInTheCatalog() throws IOException {
        for (Kamelet kamelet : kamelets()) {
            String description = kamelet.definition().path("description").asText();
            // the catalog's are one line (its median 43 characters); the behaviour is on the Kamelet's page
            assertThat(description).as(kamelet.name()).doesNotContain("\n");
            assertThat(description.length()).as(kamelet.name() + " description length").isLessThanOrEqualTo(200);
            assertThat(Path.of("docs", kamelet.name() + ".md")).as(kamelet.name() + " page").isRegularFile();
        }
    }

    @Test
    void accountIdentifiersAreCredentialsAsInTheCatalog() throws IOException {
        int accounts = 0;
        for (Kamelet kamelet : kamelets()) {
            JsonNode accountId = kamelet.definition().path("properties").path("accountId");
            if (!accountId.isMissingNode()) {
                accounts++;
                List<String> descriptors = new ArrayList<>();
                accountId.path("x-descriptors").forEach(d -> descriptors.add(d.asText()));
                assertThat(descriptors).as(kamelet.name() + ".accountId").containsExactly(CREDENTIALS);
                assertThat(accountId.has("format")).as("an account id is no password: shown, not masked").isFalse();
            }
        }
        assertThat(accounts).as("the sink's account id").isPositive();
    }

    @Test
    void sinksAndActionsTakeJsonAndSourcesOtherThanWebhooksGiveIt() throws IOException {
        for (Kamelet kamelet : kamelets()) {
            String type = kamelet.yaml().path("metadata").path("labels").path(TYPE_LABEL).asText();
            JsonNode types = kamelet.yaml().path("spec").path("types");
            if (!type.equals("source")) {
                assertThat(types.path("in").path("mediaType").asText()).as(kamelet.name() + " types.in")
                        .isEqualTo("application/json");
            }
            if (!type.equals("sink") && !kamelet.name().endsWith("-webhook-source")) {
                // the webhook source hands on what its caller posted, as the catalog's webhook-source declares none
                assertThat(types.path("out").path("mediaType").asText()).as(kamelet.name() + " types.out")
                        .isEqualTo("application/json");
            }
        }
    }

    /**
     * What apache/camel-kamelets' Maven plugin checks: the first dependency that names a component (not core, gson,
     * jackson or kamelet) is the component of {@code from}, whose parameters it then reads as that component's options.
     */
    @Test
    void theFirstComponentDependencyIsTheOneTheTemplateConsumesFrom() throws IOException {
        Set<String> notComponents = Set.of("camel:core", "camel:gson", "camel:jackson", "camel:kamelet");
        for (Kamelet kamelet : kamelets()) {
            JsonNode from = kamelet.yaml().path("spec").path("template").path("from");
            if (from.path("parameters").isEmpty()) {
                continue;
            }
            List<String> components = new ArrayList<>();
            kamelet.yaml().path("spec").path("dependencies").forEach(d -> {
                if (d.asText().startsWith("camel:") && !notComponents.contains(d.asText())) {
                    components.add(d.asText().substring("camel:".length()));
                }
            });
            assertThat(components).as(kamelet.name() + " component dependencies").isNotEmpty();
            assertThat(components.get(0)).as(kamelet.name() + ": the first component dependency")
                    .isEqualTo(scheme(from.path("uri").asText()));
        }
    }

    /**
     * Every option a template gives an endpoint ({@code from} and {@code to} as URI and parameters, or a URI with a
     * query) is an endpoint option of that component in Camel's catalog (the clevertap component's from its generated
     * metadata); placeholders are valid values.
     */
    @Test
    void everyEndpointOptionIsAnOptionOfItsComponent() throws IOException {
        CamelCatalog catalog = new DefaultCamelCatalog();
        try (var json = getClass().getResourceAsStream("/META-INF/io/github/camelclevertap/component/clevertap.json")) {
            assertThat(json).as("the component's generated metadata on the test classpath").isNotNull();
            catalog.addComponent("clevertap", "io.github.camelclevertap.component.CleverTapComponent",
                    new String(json.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        List<String> unknown = new ArrayList<>();
        int checked = 0;
        for (Kamelet kamelet : kamelets()) {
            List<Map.Entry<String, Set<String>>> endpoints = new ArrayList<>();
            collectEndpoints(kamelet.yaml().path("spec").path("template"), endpoints);
            for (Map.Entry<String, Set<String>> endpoint : endpoints) {
                String scheme = endpoint.getKey();
                if (scheme.equals("kamelet")) {
                    continue; // kamelet:source and kamelet:sink take the Kamelet's own properties
                }
                ComponentModel model = catalog.componentModel(scheme);
                assertThat(model).as(kamelet.name() + ": component " + scheme + " in Camel's catalog").isNotNull();
                Set<String> options = new TreeSet<>();
                model.getEndpointParameterOptions().forEach(o -> options.add(o.getName()));
                for (String option : endpoint.getValue()) {
                    checked++;
                    if (!options.contains(option)) {
                        unknown.add(kamelet.name() + ": " + scheme + " has no option " + option + " (it has "
                                    + options + ")");
                    }
                }
            }
        }
        assertThat(unknown).as("options the components do not have").isEmpty();
        assertThat(checked).as("endpoint options checked").isGreaterThan(20);
    }

    /** Endpoints as the YAML DSL writes them: {@code uri} with {@code parameters}, or a URI string with a query. */
    private static void collectEndpoints(JsonNode node, List<Map.Entry<String, Set<String>>> endpoints) {
        if (node.isObject()) {
            if (node.path("uri").isTextual()) {
                Set<String> options = queryOptions(node.path("uri").asText());
                node.path("parameters").fieldNames().forEachRemaining(options::add);
                endpoints.add(Map.entry(scheme(node.path("uri").asText()), options));
            }
            for (String shorthand : List.of("to", "toD", "wireTap", "enrich", "pollEnrich")) {
                if (node.path(shorthand).isTextual()) {
                    String uri = node.path(shorthand).asText();
                    endpoints.add(Map.entry(scheme(uri), queryOptions(uri)));
                }
            }
        }
        node.forEach(child -> collectEndpoints(child, endpoints));
    }

    /** The component of a URI; the sources' optional {@code master:} prefix (see MasterUriPrefix) is not it. */
    private static String scheme(String uri) {
        String consumed = uri.startsWith(MASTER_PREFIX) ? uri.substring(MASTER_PREFIX.length()) : uri;
        return consumed.substring(0, consumed.indexOf(':'));
    }

    private static Set<String> queryOptions(String uri) {
        Set<String> options = new TreeSet<>();
        int query = uri.indexOf('?');
        if (query >= 0) {
            for (String pair : uri.substring(query + 1).split("&")) {
                options.add(pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair);
            }
        }
        return options;
    }

    private static void collectPlaceholders(JsonNode node, Set<String> names) {
        if (node.isTextual()) {
            // {{clevertap-master:{{clusterNamespace:}}}} is a function around the placeholder it wraps
            Matcher matcher = PLACEHOLDER.matcher(node.asText().replace("{{" + MasterUriPrefix.NAME + ":", ""));
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        node.forEach(child -> collectPlaceholders(child, names));
    }
}
