package io.github.camelclevertap.component.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The option and header tables of {@code clevertap-component.adoc}, rendered from the generated {@code clevertap.json}
 * between Camel's {@code // component options: START} style markers. Camel fills those markers with
 * camel-package-maven-plugin's {@code update-readme} goal, which this build does not have: {@link DocTablesTest} fails
 * when the doc differs, and {@link #main}, run with the module as working directory, rewrites them. Descriptions are
 * the first sentence of the option's Javadoc; the whole text is in the JSON and in IDEs.
 */
public final class DocTables {

    static final Path DOC = Path.of("src/main/docs/clevertap-component.adoc");
    static final String JSON = "/META-INF/io/github/camelclevertap/component/clevertap.json";
    /** A description's first sentence: up to the first full stop followed by white space. */
    private static final Pattern FIRST_SENTENCE = Pattern.compile("^(.*?\\.)(?:\\s|$)", Pattern.DOTALL);

    private DocTables() {
    }

    static JsonNode metadata() throws IOException {
        try (InputStream in = DocTables.class.getResourceAsStream(JSON)) {
            if (in == null) {
                throw new IllegalStateException(JSON + " is not on the class path");
            }
            return new ObjectMapper().readTree(in);
        }
    }

    /** The marker names and the text the build expects between each START and END marker. */
    static Map<String, String> render(JsonNode json) {
        Map<String, String> sections = new LinkedHashMap<>();
        JsonNode endpoint = json.path("properties");

        StringBuilder component = new StringBuilder();
        List<String> shared = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> own = new ArrayList<>();
        json.path("componentProperties").properties()
                .forEach(e -> {
                    if (endpoint.has(e.getKey())) {
                        shared.add(e.getKey());
                    } else {
                        own.add(e);
                    }
                });
        component.append("=== Component Options\n\n")
                .append("The CleverTap component supports ").append(json.path("componentProperties").size())
                .append(" options. These ").append(shared.size())
                .append(" are the <<Endpoint Options>> of the same name, set once for every endpoint: `")
                .append(String.join("`, `", shared)).append("`. The others are listed below.\n\n");
        table(component, own);
        sections.put("component options", component.toString());

        StringBuilder endpoints = new StringBuilder();
        List<Map.Entry<String, JsonNode>> path = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> query = new ArrayList<>();
        endpoint.properties().forEach(e -> ("path".equals(e.getValue().path("kind").asText()) ? path : query).add(e));
        endpoints.append("=== Endpoint Options\n\n")
                .append("The CleverTap endpoint is configured using URI syntax `")
                .append(json.path("component").path("syntax").asText())
                .append("` with the following path and query parameters.\n\n")
                .append("==== Path Parameters (").append(path.size()).append(" parameters)\n\n");
        table(endpoints, path);
        endpoints.append("\n==== Query Parameters (").append(query.size()).append(" parameters)\n\n");
        table(endpoints, query);
        sections.put("endpoint options", endpoints.toString());

        StringBuilder headers = new StringBuilder();
        headers.append("=== Message Headers\n\n")
                .append("The CleverTap component supports ").append(json.path("headers").size())
                .append(" message headers, which are listed below.\n\n")
                .append("[width=\"100%\",cols=\"2,5,2\",options=\"header\"]\n|===\n| Name | Description | Type\n");
        json.path("headers").properties().forEach(e -> headers.append("| *").append(e.getKey()).append("* | ")
                .append(cell(firstSentence(e.getValue().path("description").asText()))).append(" | ")
                .append(simpleType(e.getValue().path("javaType").asText())).append('\n'));
        headers.append("|===\n");
        sections.put("component headers", headers.toString());
        return sections;
    }

    private static void table(StringBuilder out, List<Map.Entry<String, JsonNode>> rows) {
        out.append("[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n| Name | Description | Default | Type\n");
        for (Map.Entry<String, JsonNode> row : rows) {
            JsonNode option = row.getValue();
            out.append("| *").append(row.getKey()).append("* (").append(option.path("group").asText()).append(") | ")
                    .append(cell(firstSentence(option.path("description").asText())))
                    .append(" | ").append(option.has("defaultValue") ? cell(option.path("defaultValue").asText()) : "")
                    .append(" | ").append(simpleType(option.path("javaType").asText())).append('\n');
        }
        out.append("|===\n");
    }

    static String firstSentence(String description) {
        Matcher matcher = FIRST_SENTENCE.matcher(description);
        return matcher.find() ? matcher.group(1) : description;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace('\n', ' ');
    }

    /** {@code java.util.List<io.github...RejectedRecord>} as {@code List<RejectedRecord>}. */
    private static String simpleType(String javaType) {
        return javaType.replaceAll("\\b[a-z_][\\w]*\\.", "");
    }

    /** The text between {@code // <name>: START} and {@code // <name>: END} in the doc, or null. */
    static String between(String doc, String name) {
        int start = doc.indexOf("// " + name + ": START\n");
        int end = doc.indexOf("// " + name + ": END");
        if (start < 0 || end < start) {
            return null;
        }
        return doc.substring(start + ("// " + name + ": START\n").length(), end);
    }

    static String rewrite(String doc, Map<String, String> sections) {
        String result = doc;
        for (Map.Entry<String, String> section : sections.entrySet()) {
            String old = between(result, section.getKey());
            if (old == null) {
                throw new IllegalStateException("no markers // " + section.getKey() + ": START and END in the doc");
            }
            String startMarker = "// " + section.getKey() + ": START\n";
            int from = result.indexOf(startMarker) + startMarker.length();
            result = result.substring(0, from) + section.getValue() + result.substring(from + old.length());
        }
        return result;
    }

    /** Rewrites the doc's tables from the metadata; run with the module as the working directory. */
    public static void main(String[] args) throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Files.writeString(DOC, rewrite(doc, render(metadata())), StandardCharsets.UTF_8);
    }
}
