package io.quarkiverse.cloudinary.storage.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkiverse.cloudinary.storage.emulator.CloudinaryEmulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An emulator of a test's own instead of the Dev Service, for tests that need it built differently (disk storage,
 * limits, latency from the first request, other credentials). Subclasses say how; this class starts it before the
 * application, points the application at it, and removes its data directory afterwards.
 */
public abstract class OwnEmulatorResource implements QuarkusTestResourceLifecycleManager {

    private CloudinaryEmulator emulator;
    private Path dataDirectory;

    /** Shapes the emulator before it starts; the default keeps everything in memory. */
    protected CloudinaryEmulator.Builder configure(CloudinaryEmulator.Builder builder) {
        return builder;
    }

    /** Adjusts the started emulator before the application's first request, for example its latency. */
    protected void started(CloudinaryEmulator emulator) {
    }

    /** The credentials the application is given; the emulator's own by default. */
    protected String cloudinaryUrl(CloudinaryEmulator emulator) {
        return emulator.account().cloudinaryUrl();
    }

    /** A fresh directory under {@code target/} for the emulator's bytes, removed when the test ends. */
    protected final Path dataDirectory(String prefix) {
        try {
            dataDirectory = Files.createTempDirectory(Path.of("target"), prefix);
            return dataDirectory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        emulator = configure(CloudinaryEmulator.builder()).build().start();
        started(emulator);
        return Map.of("quarkus.cloudinary.url", cloudinaryUrl(emulator),
                "quarkus.cloudinary.api-base-url", emulator.baseUrl(),
                "quarkus.cloudinary.delivery-base-url", emulator.baseUrl());
    }

    @Override
    public void stop() {
        emulator.stop();
        if (dataDirectory != null) {
            delete(dataDirectory);
        }
    }

    public static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
