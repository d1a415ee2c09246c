package io.github.camelclevertap.routetemplates;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's documents stay short and connected: the sizes issue #16 set (a README a newcomer reads in five
 * minutes, a component page the size of Camel's, a page per Kamelet), and every relative link of every Markdown and
 * AsciiDoc file, anchors included, resolves. It lives here, beside most of the pages, so that `./mvnw -B verify` runs
 * it; it reads the whole repository from the module's parent directory.
 */
class DocumentationTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final int KIB = 1024;
    /** "At most about N KB": N KiB and 5% for the wording to breathe. */
    private static final double ABOUT = 1.05;

    private static final Pattern MD_LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)\\)");
    private static final Pattern ADOC_LINK = Pattern.compile("(?:link|xref|image)::?([^\\s\\[]+)\\[");
    private static final Pattern ADOC_XREF = Pattern.compile("<<([^>,]+)(?:,[^>]*)?>>");
    /** Code blocks: Markdown fences (with a language or not), AsciiDoc listing and example delimiters alone on a line. */
    private static final Pattern FENCED = Pattern.compile("(?ms)^```[^\\n]*\\n.*?^```[ \\t]*$|^(----|====)[ \\t]*\\n.*?^\\1[ \\t]*$");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");

    @Test
    void theDocumentsKeepTheirSizes() throws IOException {
        Map<String, long[]> limits = new TreeMap<>();
        limits.put("README.md", new long[] { 0, about(8) });
        limits.put("camel-clevertap-component/src/main/docs/clevertap-component.adoc", new long[] { 0, about(18) });
        limits.put("route-templates/README.md", new long[] { 0, about(6) });
        limits.put("examples/clevertap-quarkus/README.md", new long[] { 0, about(8) });
        try (Stream<Path> pages = Files.list(Path.of("docs"))) {
            pages.filter(p -> p.getFileName().toString().matches("clevertap-.*\\.md"))
                    .forEach(p -> limits.put("route-templates/docs/" + p.getFileName(), new long[] { 2 * KIB, about(6) }));
        }
        assertThat(limits).as("the Kamelet pages found").hasSizeGreaterThan(4 + 6);

        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, long[]> limit : limits.entrySet()) {
            long size = Files.size(ROOT.resolve(limit.getKey()));
            if (size < limit.getValue()[0] || size > limit.getValue()[1]) {
                wrong.add(limit.getKey() + " is " + size + " bytes, not " + limit.getValue()[0] + " to "
                          + limit.getValue()[1]);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<Path> documents = documents();
        assertThat(documents).as("documents found").hasSizeGreaterThan(15);
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path document : documents) {
            String text = Files.readString(document, StandardCharsets.UTF_8);
            String prose = INLINE_CODE.matcher(FENCED.matcher(text).replaceAll("")).replaceAll("");
            boolean adoc = document.toString().endsWith(".adoc");
            List<String> targets = new ArrayList<>();
            Matcher md = MD_LINK.matcher(prose);
            while (md.find()) {
                targets.add(md.group(1));
            }
            if (adoc) {
                Matcher a = ADOC_LINK.matcher(prose);
                while (a.find()) {
                    targets.add(a.group(1));
                }
                Matcher x = ADOC_XREF.matcher(prose);
                while (x.find()) {
                    targets.add("#" + slug(x.group(1).trim()));
                }
            }
            for (String target : targets) {
                if (target.matches("[a-z]+:.*")) {
                    continue; // https:, mailto: and the like: not ours to check
                }
                links++;
                String problem = resolve(document, target);
                if (problem != null) {
                    broken.add(ROOT.relativize(document) + ": " + target + " (" + problem + ")");
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
        assertThat(links).as("relative links checked").isGreaterThan(50);
    }

    @Test
    void aGitHubStyleAnchorIsTheLowerCasedTitleWithHyphens() {
        assertThat(slug("Hot spots found and removed (JFR)")).isEqualTo("hot-spots-found-and-removed-jfr");
        assertThat(slug("The example app, JVM and native")).isEqualTo("the-example-app-jvm-and-native");
    }

    private static String resolve(Path document, String target) throws IOException {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? document : document.getParent().resolve(file).normalize();
        if (!resolved.startsWith(ROOT)) {
            return "outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor != null && !anchors(resolved).contains(anchor)) {
            return "no heading with anchor #" + anchor;
        }
        return null;
    }

    /** The anchors GitHub gives a document's headings (Markdown `#`, AsciiDoc `=`). */
    private static Set<String> anchors(Path document) throws IOException {
        Set<String> anchors = new HashSet<>();
        if (Files.isDirectory(document)) {
            return anchors;
        }
        boolean adoc = document.toString().endsWith(".adoc");
        String text = FENCED.matcher(Files.readString(document, StandardCharsets.UTF_8)).replaceAll("");
        Pattern heading = Pattern.compile(adoc ? "(?m)^=+ (.+)$" : "(?m)^#+ (.+)$");
        Matcher matcher = heading.matcher(text);
        while (matcher.find()) {
            anchors.add(slug(matcher.group(1).trim()));
        }
        return anchors;
    }

    static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static List<Path> documents() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".md") || p.toString().endsWith(".adoc"))
                    .filter(p -> {
                        String relative = ROOT.relativize(p).toString();
                        return !relative.startsWith(".") && !relative.contains("/target/")
                               && !relative.startsWith("target/") && !relative.contains("node_modules");
                    })
                    .sorted().toList();
        }
    }

    private static long about(int kib) {
        return Math.round(kib * KIB * ABOUT);
    }
}
