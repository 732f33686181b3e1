package io.quarkiverse.cloudinary.storage.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every code sample of the guide is real: each {@code [source,java]} block appears, whitespace aside, in a source file
 * that this build compiles, and each property of a {@code [source,properties]} block is one the generated
 * configuration reference documents, or one the demo application sets.
 */
class DocsSamplesTest {

    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private static final Path PAGES = REPOSITORY.resolve("docs/modules/ROOT/pages");
    private static final Path CONFIG_REFERENCE = PAGES.resolve("includes/quarkus-cloudinary-storage.adoc");
    private static final Pattern BLOCK = Pattern.compile(
            "^\\[source,(java|properties)[^\\]]*\\]\\R-{4,}\\R(.*?)\\R-{4,}$", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern PROPERTY_KEY = Pattern.compile("^\\s*(?:%[\\w-]+\\.)?([\\w.\"*\\[\\]-]+)\\s*[=:]");

    @Test
    void everyJavaSampleIsCompiledCode() {
        String compiled = normalise(read(sourceFiles()));
        List<String> missing = new ArrayList<>();
        int samples = 0;
        for (Sample sample : samples("java")) {
            samples++;
            if (!compiled.contains(normalise(sample.text()))) {
                missing.add(sample.page() + ":\n" + sample.text());
            }
        }
        assertTrue(samples > 0, "no Java sample found under " + PAGES);
        assertTrue(missing.isEmpty(), "Java samples that no compiled source contains:\n\n" + String.join("\n\n", missing));
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
    void theCheckRejectsWhatIsNotCompiled() {
        String compiled = normalise(read(sourceFiles()));
        assertFalse(compiled.contains(normalise("images.save(\"never/compiled.png\", upload);")));
        assertTrue(documentedProperties().contains("quarkus.cloudinary.media.tag"));
        assertFalse(documentedProperties().contains("quarkus.cloudinary.no-such-property"));
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

    private record Sample(String page, String text) {
    }

    private static List<Sample> samples(String language) {
        List<Sample> samples = new ArrayList<>();
        for (Path page : files(PAGES, ".adoc")) {
            Matcher block = BLOCK.matcher(read(List.of(page)));
            while (block.find()) {
                if (block.group(1).equals(language)) {
                    samples.add(new Sample(PAGES.relativize(page).toString(), block.group(2)));
                }
            }
        }
        return samples;
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
