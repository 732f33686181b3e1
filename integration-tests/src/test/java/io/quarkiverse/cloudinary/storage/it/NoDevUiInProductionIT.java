package io.quarkiverse.cloudinary.storage.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The packaged application carries nothing of the Dev UI: its JSON-RPC service lives in an artifact that Quarkus adds
 * in dev mode only.
 */
class NoDevUiInProductionIT {

    private static final Path APPLICATION_LIBRARIES = Path.of("target/quarkus-app/lib/main");

    @Test
    void theDevOnlyArtifactIsNotPackaged() throws IOException {
        assumeTrue(Files.isDirectory(APPLICATION_LIBRARIES), "a JVM package; native builds have no library folder");
        List<String> jars;
        try (Stream<Path> files = Files.list(APPLICATION_LIBRARIES)) {
            jars = files.map(p -> p.getFileName().toString()).toList();
        }
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("io.quarkiverse.cloudinary-storage.quarkus-cloudinary-storage-")),
                "the extension's runtime is packaged: " + jars);
        assertFalse(jars.stream().anyMatch(j -> j.contains("quarkus-cloudinary-storage-dev")),
                "the Dev UI service is packaged: " + jars);
    }
}
