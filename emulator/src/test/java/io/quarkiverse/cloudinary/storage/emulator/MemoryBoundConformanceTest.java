package io.quarkiverse.cloudinary.storage.emulator;

import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.fetch;
import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.options;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.cloudinary.api.exceptions.NotFound;

/**
 * The memory store's bound through the official SDK: once full, uploads of every kind are refused in Cloudinary's
 * error format, and reads, listings, deletes and the control endpoints keep working; a delete makes room again.
 */
class MemoryBoundConformanceTest {

    private static final int LIMIT = 100_000;
    private static final int FILE = 40_000;

    @RegisterExtension
    static final EmulatorFixture fixture = new EmulatorFixture(CloudinaryEmulator.builder().memoryLimit(LIMIT));

    private static byte[] content(int seed) {
        byte[] bytes = new byte[FILE];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (seed + i * 31);
        }
        return bytes;
    }

    private static Map<?, ?> uploadRaw(String publicId, byte[] bytes) throws Exception {
        return fixture.uploader.upload(bytes, options("resource_type", "raw", "public_id", publicId));
    }

    private static void assertFull(RuntimeException refused) {
        assertTrue(refused.getMessage().startsWith("The Cloudinary emulator's memory store is full: "),
                refused.getMessage());
        assertTrue(refused.getMessage().contains(" of " + LIMIT + " bytes are in use"), refused.getMessage());
    }

    @Test
    void aFullStoreRefusesUploadsAndKeepsEverythingElseWorking() throws Exception {
        byte[] first = content(1);
        Map<?, ?> a = uploadRaw("full/a.bin", first);
        uploadRaw("full/b.bin", content(2));

        assertFull(assertThrows(RuntimeException.class, () -> uploadRaw("full/c.bin", content(3))));
        Map<?, ?> withStatus = fixture.uploader.upload(content(3), options("resource_type", "raw", "public_id",
                "full/c.bin", "return_error", true));
        assertEquals(400, ((Map<?, ?>) withStatus.get("error")).get("http_code"), "Cloudinary's error format");
        String dataUri = "data:application/octet-stream;base64," + Base64.getEncoder().encodeToString(content(4));
        assertFull(assertThrows(RuntimeException.class, () -> fixture.uploader.upload(dataUri,
                options("resource_type", "raw", "public_id", "full/d.bin"))));
        assertFull(assertThrows(RuntimeException.class, () -> fixture.uploader.uploadLarge(
                new ByteArrayInputStream(content(5)), options("resource_type", "raw", "public_id", "full/e.bin",
                        "chunk_size", 10_000))));
        assertTrue(fixture.control.health().contains("memory, " + 2 * FILE + " of " + LIMIT + " bytes used"),
                "the chunks of the refused upload hold no room: " + fixture.control.health());
        assertThrows(NotFound.class, () -> fixture.api.resource("full/c.bin", options("resource_type", "raw")),
                "a refused upload leaves nothing");

        assertArrayEquals(first, fetch((String) a.get("url")), "delivery still reads");
        assertEquals(FILE, fixture.api.resource("full/a.bin", options("resource_type", "raw")).get("bytes"));
        assertEquals(2, ((List<?>) fixture.api.resources(options("resource_type", "raw")).get("resources")).size());
        assertTrue(fixture.control.healthy());
        assertTrue(fixture.control.health().contains("memory, " + 2 * FILE + " of " + LIMIT + " bytes used"),
                fixture.control.health());
        assertTrue(fixture.control.requestCount("upload:upload") >= 4);
        fixture.uploader.addTag("kept", new String[] { "full/a.bin" }, options("resource_type", "raw"));

        assertEquals("ok", fixture.uploader.destroy("full/b.bin", options("resource_type", "raw")).get("result"));
        Map<?, ?> afterDelete = uploadRaw("full/c.bin", content(3));
        assertEquals(FILE, afterDelete.get("bytes"), "a delete makes room again");
        assertArrayEquals(content(3), fetch((String) afterDelete.get("url")));
    }

    @Test
    void chunksOfAFileThatFitsNeedNoExtraRoomToBeJoined() throws Exception {
        byte[] large = new byte[90_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) i;
        }
        Map<?, ?> joined = fixture.uploader.uploadLarge(new ByteArrayInputStream(large),
                options("resource_type", "raw", "public_id", "joined.bin", "chunk_size", 30_000));
        assertEquals(large.length, joined.get("bytes"));
        assertArrayEquals(large, fetch((String) joined.get("url")));
        assertTrue(fixture.control.health().contains("memory, " + large.length + " of " + LIMIT + " bytes used"),
                fixture.control.health());
    }

    @Test
    void aResetEmptiesTheStore() throws Exception {
        uploadRaw("r/a.bin", content(1));
        uploadRaw("r/b.bin", content(2));
        assertThrows(RuntimeException.class, () -> uploadRaw("r/c.bin", content(3)));
        fixture.control.reset();
        assertTrue(fixture.control.health().contains("memory, 0 of " + LIMIT + " bytes used"),
                fixture.control.health());
        assertEquals(FILE, uploadRaw("r/c.bin", content(3)).get("bytes"));
    }
}
