package io.quarkiverse.cloudinary.storage.emulator;

import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One data directory, one emulator at a time: a second one is refused with a message, and may start once it is free. */
class DataDirectoryLockTest {

    @Test
    void aSecondEmulatorOnTheSameDirectoryIsRefusedUntilTheFirstStops(@TempDir Path dir) throws Exception {
        try (EmulatorFixture first = new EmulatorFixture(CloudinaryEmulator.builder().dataDirectory(dir))) {
            first.uploader.upload("x".getBytes(), options("resource_type", "raw", "public_id", "held.txt"));
            CloudinaryEmulator second = CloudinaryEmulator.builder().dataDirectory(dir).build();
            IllegalStateException refused = assertThrows(IllegalStateException.class, second::start);
            assertEquals("Another Cloudinary emulator is using the data directory " + dir.toAbsolutePath()
                    + ": give each emulator its own", refused.getMessage());
            assertEquals(1, first.api.resource("held.txt", options("resource_type", "raw")).get("bytes"),
                    "the first one is undisturbed");
        }
        try (EmulatorFixture again = new EmulatorFixture(CloudinaryEmulator.builder().dataDirectory(dir))) {
            assertEquals(1, again.api.resource("held.txt", options("resource_type", "raw")).get("bytes"));
        }
    }
}
