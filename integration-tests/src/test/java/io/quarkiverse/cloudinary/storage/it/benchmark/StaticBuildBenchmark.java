package io.quarkiverse.cloudinary.storage.it.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkiverse.cloudinary.storage.it.OwnEmulatorResource;

/**
 * The build of an application with 1 GB of static resources (1,800 images of 200 KB, 200 style sheets referencing them
 * and 10 videos of 64 MB), generated under {@code target/} and packaged by Maven with the Quarkus plugin in a
 * process of its own, against the same application without static resources. Prints each build's wall time and its
 * heap: the largest heap in use right after a collection (from the JVM's GC log), which is what the build holds live.
 * Asserts only that both builds succeed.
 */
class StaticBuildBenchmark {

    private static final int SMALL_FILES = Integer.getInteger("benchmark.buildSmallFiles", 2_000);
    private static final int LARGE_FILES = Integer.getInteger("benchmark.buildLargeFiles", 10);
    private static final int LARGE_MEGABYTES = Integer.getInteger("benchmark.buildLargeMegabytes", 64);
    private static final int SMALL_KILOBYTES = Integer.getInteger("benchmark.buildSmallKilobytes", 200);
    private static final String HEAP = System.getProperty("benchmark.buildHeap", "2g");
    private static final Pattern AFTER_GC = Pattern.compile("->(\\d+)M\\(");

    @Test
    void buildWithOneGigabyteOfStaticResources() throws Exception {
        Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "static-build-benchmark-");
        try {
            Path empty = application(root.resolve("without-statics"), false);
            Path large = application(root.resolve("with-statics"), true);
            long bytes;
            try (var files = Files.walk(large.resolve("src/main/resources/META-INF/resources"))) {
                bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            }
            Build baseline = build(empty);
            Build withStatics = build(large);
            assertTrue(Files.isRegularFile(large.resolve("target/quarkus-app/quarkus-run.jar")));
            System.out.printf("%n=== Build of an application with %,d bytes of static resources (%d files, %d of %d MB),"
                    + " Maven and Quarkus in their own JVM, -Xmx%s, %d cores ===%n", bytes, SMALL_FILES + LARGE_FILES,
                    LARGE_FILES, LARGE_MEGABYTES, HEAP, Runtime.getRuntime().availableProcessors());
            System.out.printf("without static resources: %s%n", baseline);
            System.out.printf("with static resources:    %s%n", withStatics);
            System.out.printf("heap after GC, peak: %d MB more than without; wall time %.1fx%n",
                    withStatics.peakAfterGcMb() - baseline.peakAfterGcMb(), withStatics.seconds() / baseline.seconds());
            System.out.printf("reproduce: ./mvnw -B -ntp install -DskipTests && ./mvnw -B -ntp test -Pbenchmark"
                    + " -pl integration-tests -Dtest=StaticBuildBenchmark%n%n");
        } finally {
            OwnEmulatorResource.delete(root);
        }
    }

    private record Build(double seconds, long peakAfterGcMb, int collections) {
        @Override
        public String toString() {
            return String.format("%.1f s, heap after GC peak %d MB over %d collections", seconds, peakAfterGcMb,
                    collections);
        }
    }

    private static Build build(Path application) throws Exception {
        Path gcLog = application.resolve("gc.log");
        Path projectRoot = Path.of("").toAbsolutePath().getParent();
        List<String> command = new ArrayList<>(List.of(projectRoot.resolve("mvnw").toString(), "-B", "-ntp", "-q",
                "-f", application.resolve("pom.xml").toString(), "package", "-DskipTests"));
        String repository = System.getProperty("maven.repo.local");
        if (repository != null) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(projectRoot.toFile())
                .redirectErrorStream(true).redirectOutput(application.resolve("build.log").toFile());
        Map<String, String> environment = builder.environment();
        environment.put("MAVEN_OPTS", "-Xmx" + HEAP + " -Xlog:gc:file=" + gcLog);
        long started = System.nanoTime();
        Process process = builder.start();
        assertTrue(process.waitFor(20, TimeUnit.MINUTES), "the build ends");
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(0, process.exitValue(), () -> "the build of " + application + " failed:\n" + tail(application));
        long peak = 0;
        int collections = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher after = AFTER_GC.matcher(line);
            if (after.find()) {
                peak = Math.max(peak, Long.parseLong(after.group(1)));
                collections++;
            }
        }
        return new Build(seconds, peak, collections);
    }

    private static String tail(Path application) {
        try {
            List<String> lines = Files.readAllLines(application.resolve("build.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static Path application(Path directory, boolean statics) throws Exception {
        Files.createDirectories(directory.resolve("src/main/resources/META-INF/resources"));
        String version = System.getProperty("benchmark.extensionVersion", "999-SNAPSHOT");
        Files.writeString(directory.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                    <modelVersion>4.0.0</modelVersion>
                    <groupId>benchmark</groupId>
                    <artifactId>static-build-benchmark</artifactId>
                    <version>1</version>
                    <properties>
                        <maven.compiler.release>17</maven.compiler.release>
                        <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    </properties>
                    <dependencyManagement>
                        <dependencies>
                            <dependency>
                                <groupId>io.quarkus</groupId>
                                <artifactId>quarkus-bom</artifactId>
                                <version>3.33.2</version>
                                <type>pom</type>
                                <scope>import</scope>
                            </dependency>
                        </dependencies>
                    </dependencyManagement>
                    <dependencies>
                        <dependency>
                            <groupId>io.quarkiverse.cloudinary-storage</groupId>
                            <artifactId>quarkus-cloudinary-storage</artifactId>
                            <version>%s</version>
                        </dependency>
                    </dependencies>
                    <build>
                        <plugins>
                            <plugin>
                                <groupId>io.quarkus</groupId>
                                <artifactId>quarkus-maven-plugin</artifactId>
                                <version>3.33.2</version>
                                <executions>
                                    <execution>
                                        <goals>
                                            <goal>build</goal>
                                        </goals>
                                    </execution>
                                </executions>
                            </plugin>
                        </plugins>
                    </build>
                </project>
                """.formatted(version));
        if (statics) {
            generate(directory.resolve("src/main/resources/META-INF/resources"));
        }
        return directory;
    }

    /** Random (incompressible) content, written a megabyte at a time; every tenth small file a style sheet. */
    private static void generate(Path resources) throws Exception {
        Random random = new Random(1_000);
        byte[] block = new byte[1024 * 1024];
        for (int i = 0; i < SMALL_FILES + LARGE_FILES; i++) {
            boolean large = i >= SMALL_FILES;
            Path file;
            if (large) {
                file = resources.resolve(String.format("video/clip-%02d.mp4", i - SMALL_FILES));
            } else if (i % 10 == 0) {
                file = resources.resolve(String.format("css/%02d/sheet-%04d.css", i % 20, i));
                Files.createDirectories(file.getParent());
                Files.writeString(file, String.format(".a { background: url(../../img/%02d/image-%04d.png) }%n",
                        (i + 1) % 20, i + 1), StandardCharsets.UTF_8);
                continue;
            } else {
                file = resources.resolve(String.format("img/%02d/image-%04d.png", i % 20, i));
            }
            Files.createDirectories(file.getParent());
            long size = large ? LARGE_MEGABYTES * 1024L * 1024 : SMALL_KILOBYTES * 1024L;
            try (OutputStream out = Files.newOutputStream(file)) {
                for (long left = size; left > 0; left -= block.length) {
                    random.nextBytes(block);
                    out.write(block, 0, (int) Math.min(block.length, left));
                }
            }
        }
    }
}
