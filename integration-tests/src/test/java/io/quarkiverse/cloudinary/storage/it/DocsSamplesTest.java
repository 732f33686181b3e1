package io.quarkiverse.cloudinary.storage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every code sample of the guide is real: each {@code [source,java]} block appears, whitespace aside, in a source file
 * that this build compiles, with the imports it needs, under a {@code .Needs ...} title that names the extensions its
 * imports call for; and each property of a {@code [source,properties]} block is one the generated configuration
 * reference documents, or one the demo application sets.
 */
class DocsSamplesTest {

    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private static final Path PAGES = REPOSITORY.resolve("docs/modules/ROOT/pages");
    private static final Path CONFIG_REFERENCE = PAGES.resolve("includes/quarkus-cloudinary-storage.adoc");
    private static final Pattern BLOCK = Pattern.compile(
            "^(?:\\.([^\\r\\n]*)\\R)?\\[source,(java|properties)(?:,[^\\]]*)?\\]\\R-{4,}\\R(.*?)\\R-{4,}$",
            Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)\\s*;\\s*$", Pattern.MULTILINE);
    /** What a sample's imports and code say it needs, and how its title must name it. */
    private static final List<Need> NEEDS = List.of(
            new Need(Pattern.compile("^import (jakarta\\.ws\\.rs|org\\.jboss\\.resteasy\\.reactive)\\.", Pattern.MULTILINE),
                    "quarkus-rest"),
            new Need(Pattern.compile("MediaType\\.APPLICATION_JSON"), "quarkus-rest-jackson"),
            new Need(Pattern.compile("^import io\\.quarkus\\.hibernate\\.orm\\.panache\\.", Pattern.MULTILINE),
                    "quarkus-hibernate-orm-panache"),
            new Need(Pattern.compile("^import jakarta\\.persistence\\.", Pattern.MULTILINE), "JDBC driver"),
            new Need(Pattern.compile("^import jakarta\\.transaction\\.", Pattern.MULTILINE), "quarkus-hibernate-orm"),
            new Need(Pattern.compile("^import io\\.quarkus\\.qute\\.", Pattern.MULTILINE), "qute"),
            new Need(Pattern.compile("^import io\\.quarkiverse\\.cloudinary\\.storage\\.emulator\\.", Pattern.MULTILINE),
                    "quarkus-cloudinary-storage-emulator"));
    private static final Pattern PROPERTY_KEY = Pattern.compile("^\\s*(?:%[\\w-]+\\.)?([\\w.\"*\\[\\]-]+)\\s*[=:]");

    @Test
    void everyJavaSampleIsCompiledCodeWithItsImports() {
        Map<Path, String> sources = sources();
        List<String> problems = new ArrayList<>();
        int samples = 0;
        for (Sample sample : samples("java")) {
            samples++;
            List<String> found = problems(sample, sources);
            if (!found.isEmpty()) {
                problems.add(sample.page() + ": " + String.join("; ", found) + "\n" + sample.text());
            }
        }
        assertTrue(samples > 0, "no Java sample found under " + PAGES);
        assertTrue(problems.isEmpty(), "Java samples that are not compiled code as they stand:\n\n"
                + String.join("\n\n", problems));
    }

    @Test
    void everyJavaSampleNamesTheExtensionsItNeeds() {
        List<String> problems = new ArrayList<>();
        for (Sample sample : samples("java")) {
            for (Need need : NEEDS) {
                if (need.trigger().matcher(sample.text()).find()
                        && (sample.title() == null || !sample.title().startsWith("Needs ")
                                || !sample.title().contains(need.named()))) {
                    problems.add(sample.page() + ": the title (\"." + sample.title() + "\") does not name "
                            + need.named() + ":\n" + sample.text());
                }
            }
        }
        assertTrue(problems.isEmpty(), "Samples whose \".Needs ...\" title misses what they need:\n\n"
                + String.join("\n\n", problems));
    }

    @Test
    void everyPropertyInTheGuideExists() {
        Set<String> documented = documentedProperties();
        Set<String> demoProperties = propertyKeys(read(List.of(
                REPOSITORY.resolve("integration-tests/src/main/resources/application.properties"))));
        List<String> unknown = new ArrayList<>();
        for (Sample sample : samples("properties")) {
            for (String key : propertyKeys(sample.text())) {
                if (!documented.contains(key) && !demoProperties.contains(key)) {
                    unknown.add(sample.page() + ": " + key);
                }
            }
        }
        assertFalse(documented.isEmpty(), "no property found in " + CONFIG_REFERENCE);
        assertTrue(unknown.isEmpty(), "Properties that exist nowhere:\n" + String.join("\n", unknown));
    }

    @Test
    void theCheckRejectsWhatIsNotCompiledAndSamplesWithoutTheirImports() {
        Map<Path, String> sources = sources();
        assertEquals(List.of("no compiled source contains this code"), problems(
                new Sample("made-up.adoc", null, "images.save(\"never/compiled.png\", upload);"), sources));

        String code = """
                @Inject
                OrphanCleanup cleanup;

                @GET
                public OrphanReport preview() {
                    return cleanup.findOrphans();
                }""";
        List<String> withoutImports = problems(new Sample("made-up.adoc", null, code), sources);
        assertEquals(1, withoutImports.size(), withoutImports.toString());
        assertTrue(withoutImports.get(0).contains("import io.quarkiverse.cloudinary.storage.orphans.OrphanCleanup;")
                && withoutImports.get(0).contains("import jakarta.ws.rs.GET;"), withoutImports.get(0));
        String imports = """
                import jakarta.inject.Inject;
                import jakarta.ws.rs.GET;

                import io.quarkiverse.cloudinary.storage.orphans.OrphanCleanup;
                import io.quarkiverse.cloudinary.storage.orphans.OrphanReport;

                """;
        assertEquals(List.of(), problems(new Sample("made-up.adoc", null, imports + code), sources));
        List<String> madeUp = problems(new Sample("made-up.adoc", null, "import org.acme.Nothing;\n" + imports + code),
                sources);
        assertEquals(List.of("imports that the compiled source does not have: [import org.acme.Nothing;]"), madeUp);

        assertTrue(documentedProperties().contains("quarkus.cloudinary.media.tag"));
        assertFalse(documentedProperties().contains("quarkus.cloudinary.no-such-property"));
    }

    /**
     * What keeps a sample from being compiled code as it stands: its code (imports aside) must appear in a compiled
     * source file; its imports must be that file's, and every import of that file which the code uses must be among
     * them, so that a reader knows where each type comes from.
     */
    private static List<String> problems(Sample sample, Map<Path, String> sources) {
        Set<String> sampleImports = imports(sample.text());
        String code = normalise(IMPORT.matcher(sample.text()).replaceAll(""));
        List<String> best = null;
        for (Map.Entry<Path, String> source : sources.entrySet()) {
            if (!normalise(source.getValue()).contains(code)) {
                continue;
            }
            Set<String> sourceImports = imports(source.getValue());
            List<String> problems = new ArrayList<>();
            List<String> unknown = sampleImports.stream().filter(i -> !sourceImports.contains(i)).sorted().toList();
            if (!unknown.isEmpty()) {
                problems.add("imports that the compiled source does not have: " + unknown);
            }
            List<String> missing = sourceImports.stream()
                    .filter(i -> !sampleImports.contains(i) && uses(code, i))
                    .sorted().toList();
            if (!missing.isEmpty()) {
                problems.add("missing imports, as " + REPOSITORY.relativize(source.getKey()) + " has them: "
                        + missing);
            }
            if (problems.isEmpty()) {
                return problems;
            }
            best = best == null ? problems : best;
        }
        return best == null ? List.of("no compiled source contains this code") : best;
    }

    private static Set<String> imports(String text) {
        Set<String> imports = new LinkedHashSet<>();
        Matcher line = IMPORT.matcher(text);
        while (line.find()) {
            imports.add("import " + (line.group(1) == null ? "" : "static ") + line.group(2) + ";");
        }
        return imports;
    }

    /** Whether code uses the simple name an import brings in. */
    private static boolean uses(String code, String importLine) {
        String imported = importLine.substring(0, importLine.length() - 1);
        String simpleName = imported.substring(imported.lastIndexOf('.') + 1);
        return Pattern.compile("(?<![\\w.])" + Pattern.quote(simpleName) + "\\b").matcher(code).find();
    }

    private record Need(Pattern trigger, String named) {
    }

    private static Set<String> documentedProperties() {
        // the generated reference writes each property as `+++quarkus.cloudinary.name+++`
        Matcher property = Pattern.compile("`\\+\\+\\+(quarkus\\.cloudinary\\.[^+`]+)\\+\\+\\+`")
                .matcher(read(List.of(CONFIG_REFERENCE)));
        Set<String> keys = new LinkedHashSet<>();
        while (property.find()) {
            keys.add(property.group(1));
        }
        return keys;
    }

    private static Set<String> propertyKeys(String properties) {
        return properties.lines()
                .filter(line -> !line.isBlank() && !line.strip().startsWith("#"))
                .map(PROPERTY_KEY::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** A code block of the guide; its title is the {@code .Title} line above it, if any. */
    private record Sample(String page, String title, String text) {
    }

    private static List<Sample> samples(String language) {
        List<Sample> samples = new ArrayList<>();
        for (Path page : files(PAGES, ".adoc")) {
            Matcher block = BLOCK.matcher(read(List.of(page)));
            while (block.find()) {
                if (block.group(2).equals(language)) {
                    samples.add(new Sample(PAGES.relativize(page).toString(), block.group(1), block.group(3)));
                }
            }
        }
        return samples;
    }

    /** The compiled sources, but this test's own, whose text blocks quote code without its imports. */
    private static Map<Path, String> sources() {
        Map<Path, String> sources = new LinkedHashMap<>();
        for (Path file : sourceFiles()) {
            if (!file.endsWith(DocsSamplesTest.class.getSimpleName() + ".java")) {
                sources.put(file, read(List.of(file)));
            }
        }
        return sources;
    }

    /** The sources Maven compiles: main and test Java sources of every module. */
    private static List<Path> sourceFiles() {
        List<Path> sources = new ArrayList<>();
        for (String module : List.of("runtime", "runtime-dev", "deployment", "emulator", "integration-tests")) {
            for (String set : List.of("src/main/java", "src/test/java")) {
                Path root = REPOSITORY.resolve(module).resolve(set);
                if (Files.isDirectory(root)) {
                    sources.addAll(files(root, ".java"));
                }
            }
        }
        return sources;
    }

    private static List<Path> files(Path root, String suffix) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(List<Path> files) {
        StringBuilder text = new StringBuilder();
        for (Path file : files) {
            try {
                text.append(Files.readString(file)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return text.toString();
    }

    private static String normalise(String code) {
        return code.replaceAll("\\s+", " ").strip();
    }
}
