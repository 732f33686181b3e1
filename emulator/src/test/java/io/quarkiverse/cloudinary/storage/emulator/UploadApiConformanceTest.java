package io.quarkiverse.cloudinary.storage.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.cloudinary.Cloudinary;

/** The Upload API, driven by the official SDK exactly as an application drives Cloudinary. */
class UploadApiConformanceTest {

    @RegisterExtension
    static final EmulatorFixture fixture = new EmulatorFixture();

    static Map<String, Object> options(Object... keyValues) {
        Map<String, Object> options = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            options.put((String) keyValues[i], keyValues[i + 1]);
        }
        return options;
    }

    static byte[] png(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    static byte[] fetch(String url) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), url);
        return response.body();
    }

    @Test
    void imageUploadAnswersWithTheRealFields() throws Exception {
        byte[] png = png(64, 48);
        Map<?, ?> result = fixture.uploader.upload(png, options("public_id", "folder/sample", "tags", List.of("a", "b")));
        assertEquals("folder/sample", result.get("public_id"));
        assertEquals("png", result.get("format"));
        assertEquals("image", result.get("resource_type"));
        assertEquals("upload", result.get("type"));
        assertEquals(64, result.get("width"));
        assertEquals(48, result.get("height"));
        assertEquals(png.length, result.get("bytes"));
        assertEquals(List.of("a", "b"), result.get("tags"));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(png)), result.get("etag"));
        assertTrue(((String) result.get("asset_id")).matches("[0-9a-f]{32}"));
        assertTrue(((String) result.get("version_id")).matches("[0-9a-f]{32}"));
        assertTrue(((String) result.get("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
        long version = ((Number) result.get("version")).longValue();
        assertEquals(fixture.emulator.baseUrl() + "/demo-cloud/image/upload/v" + version + "/folder/sample.png",
                result.get("url"));
        assertArrayEquals(png, fetch((String) result.get("secure_url")));
        // the response signature, as Cloudinary.verifyApiResponseSignature checks it
        assertTrue(fixture.cloudinary.verifyApiResponseSignature("folder/sample", String.valueOf(version),
                (String) result.get("signature")));
    }

    @Test
    void rawUploadKeepsTheExtensionAndHasNoFormat(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.pdf");
        Files.writeString(file, "%PDF-1.4 tiny");
        Map<?, ?> named = fixture.uploader.upload(file.toFile(),
                options("resource_type", "raw", "use_filename", true, "unique_filename", false));
        assertEquals("report.pdf", named.get("public_id"));
        assertNull(named.get("format"));
        assertEquals("report", named.get("original_filename"));

        Map<?, ?> unique = fixture.uploader.upload(file.toFile(), options("resource_type", "raw", "use_filename", true));
        assertTrue(((String) unique.get("public_id")).matches("report_[a-z0-9]{6}\\.pdf"), (String) unique.get("public_id"));

        Map<?, ?> random = fixture.uploader.upload(file.toFile(), options("resource_type", "raw"));
        assertTrue(((String) random.get("public_id")).matches("[a-z0-9]{20}\\.pdf"), (String) random.get("public_id"));
    }

    @Test
    void folderIsPrependedToThePublicId() throws Exception {
        Map<?, ?> result = fixture.uploader.upload(png(2, 2), options("folder", "albums/2026", "public_id", "cover"));
        assertEquals("albums/2026/cover", result.get("public_id"));
    }

    @Test
    void autoDetectsTheResourceType() throws Exception {
        assertEquals("image", fixture.uploader.upload(png(3, 3), options("resource_type", "auto")).get("resource_type"));
        assertEquals("raw", fixture.uploader.upload("plain text".getBytes(StandardCharsets.UTF_8),
                options("resource_type", "auto", "public_id", "t.txt")).get("resource_type"));
    }

    @Test
    void dataUriUpload() throws Exception {
        byte[] png = png(5, 7);
        String uri = "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
        Map<?, ?> result = fixture.uploader.upload(uri, options("public_id", "from-data-uri"));
        assertEquals(5, result.get("width"));
        assertEquals(png.length, result.get("bytes"));
    }

    @Test
    void overwriteFalseReturnsTheExistingAsset() throws Exception {
        Map<?, ?> first = fixture.uploader.upload(png(4, 4), options("public_id", "keep"));
        Map<?, ?> second = fixture.uploader.upload(png(8, 8), options("public_id", "keep", "overwrite", false));
        assertEquals(Boolean.TRUE, second.get("existing"));
        assertEquals(first.get("etag"), second.get("etag"));
        assertEquals(4, second.get("width"));

        Map<?, ?> replaced = fixture.uploader.upload(png(8, 8), options("public_id", "keep", "invalidate", true));
        assertEquals(Boolean.TRUE, replaced.get("overwritten"));
        assertEquals(first.get("asset_id"), replaced.get("asset_id"));
        assertTrue(((Number) replaced.get("version")).longValue() > ((Number) first.get("version")).longValue(),
                "a replaced asset gets a new version, so its URL changes");
        assertNotEquals(first.get("version_id"), replaced.get("version_id"));
    }

    @Test
    void typesKeepPublicIdsApart() throws Exception {
        fixture.uploader.upload(png(1, 1), options("public_id", "same", "type", "private"));
        fixture.uploader.upload(png(2, 2), options("public_id", "same"));
        assertEquals(1, fixture.api.resource("same", options("type", "private")).get("width"));
        assertEquals(2, fixture.api.resource("same", options()).get("width"));
    }

    @Test
    void invalidContentForTheResourceTypeIsRefused() {
        RuntimeException image = assertThrows(RuntimeException.class,
                () -> fixture.uploader.upload("not an image".getBytes(StandardCharsets.UTF_8), options()));
        assertEquals("Invalid image file", image.getMessage());
        Map<?, ?> video = assertDoesNotThrowReturning(() -> fixture.uploader.upload(
                "not a video".getBytes(StandardCharsets.UTF_8),
                options("resource_type", "video", "return_error", true)));
        assertEquals(400, ((Map<?, ?>) video.get("error")).get("http_code"));
    }

    @Test
    void fileTooLargeIsRefusedWithCloudinarysMessage() throws Exception {
        try (EmulatorFixture small = new EmulatorFixture(CloudinaryEmulator.builder()
                .limits(new io.quarkiverse.cloudinary.storage.emulator.model.AssetService.Limits(100, 100, 100)))) {
            RuntimeException error = assertThrows(RuntimeException.class,
                    () -> small.uploader.upload(new byte[101], options("resource_type", "raw")));
            assertTrue(error.getMessage().startsWith("File size too large. Got 101. Maximum is 100."), error.getMessage());
        }
    }

    @Test
    void forbiddenCharactersInPublicIdsAreRefused() {
        RuntimeException error = assertThrows(RuntimeException.class,
                () -> fixture.uploader.upload(new byte[] { 1 }, options("resource_type", "raw", "public_id", "a?b")));
        assertTrue(error.getMessage().contains("public_id (a?b) is invalid"), error.getMessage());
    }

    @Test
    void destroyAnswersOkThenNotFound() throws Exception {
        fixture.uploader.upload(new byte[] { 1, 2 }, options("resource_type", "raw", "public_id", "gone.bin"));
        assertEquals("ok", fixture.uploader.destroy("gone.bin", options("resource_type", "raw", "invalidate", true))
                .get("result"));
        assertEquals("not found", fixture.uploader.destroy("gone.bin", options("resource_type", "raw")).get("result"));
        assertEquals("not found", fixture.uploader.destroy("never", options()).get("result"));
    }

    @Test
    void renameMovesTheAssetAndRefusesToClobber() throws Exception {
        fixture.uploader.upload(png(3, 3), options("public_id", "from"));
        fixture.uploader.upload(png(4, 4), options("public_id", "occupied"));
        Map<?, ?> renamed = fixture.uploader.rename("from", "to", options());
        assertEquals("to", renamed.get("public_id"));
        assertThrows(com.cloudinary.api.exceptions.NotFound.class,
                () -> fixture.api.resource("from", options()));
        RuntimeException clash = assertThrows(RuntimeException.class,
                () -> fixture.uploader.rename("to", "occupied", options()));
        assertTrue(clash.getMessage().contains("already exists"), clash.getMessage());
        assertEquals("occupied", fixture.uploader.rename("to", "occupied", options("overwrite", true)).get("public_id"));
        assertEquals(3, fixture.api.resource("occupied", options()).get("width"));

        Map<?, ?> moved = fixture.uploader.rename("occupied", "occupied", options("to_type", "private"));
        assertEquals("private", moved.get("type"));
        RuntimeException missing = assertThrows(RuntimeException.class,
                () -> fixture.uploader.rename("nothing", "x", options()));
        assertEquals("Resource not found - nothing", missing.getMessage());
    }

    @Test
    void explicitReturnsTheAssetAndReplacesTagsWhenGiven() throws Exception {
        fixture.uploader.upload(png(2, 2), options("public_id", "exp", "tags", "one"));
        Map<?, ?> same = fixture.uploader.explicit("exp", options("type", "upload"));
        assertEquals(List.of("one"), same.get("tags"));
        Map<?, ?> retagged = fixture.uploader.explicit("exp", options("type", "upload", "tags", List.of("two")));
        assertEquals(List.of("two"), retagged.get("tags"));
        RuntimeException missing = assertThrows(RuntimeException.class,
                () -> fixture.uploader.explicit("nope", options("type", "upload")));
        assertEquals("Resource not found - nope", missing.getMessage());
        Map<?, ?> withStatus = fixture.uploader.explicit("nope", options("type", "upload", "return_error", true));
        assertEquals(404, ((Map<?, ?>) withStatus.get("error")).get("http_code"));
    }

    @Test
    void tagCommands() throws Exception {
        fixture.uploader.upload(png(1, 1), options("public_id", "t1"));
        fixture.uploader.upload(png(1, 1), options("public_id", "t2", "tags", "old"));
        Map<?, ?> added = fixture.uploader.addTag("new", new String[] { "t1", "t2", "missing" }, options());
        assertEquals(List.of("t1", "t2"), added.get("public_ids"));
        assertEquals(List.of("new", "old"), fixture.api.resource("t2", options()).get("tags"),
                "sorted, as Cloudinary answers them");
        fixture.uploader.removeTag("old", new String[] { "t2" }, options());
        assertEquals(List.of("new"), fixture.api.resource("t2", options()).get("tags"));
        fixture.uploader.replaceTag("only", new String[] { "t1" }, options());
        assertEquals(List.of("only"), fixture.api.resource("t1", options()).get("tags"));
        fixture.uploader.removeAllTags(new String[] { "t1" }, options());
        assertFalse(fixture.api.resource("t1", options()).containsKey("tags"), "no tags key when none is left");
    }

    @ParameterizedTest
    @CsvSource({ "5, 5, 1", "6, 5, 2", "25, 5, 5", "26, 5, 6", "0, 5, 1" })
    void chunkedUploadsFromStreamsAndFiles(int size, int chunk, int requests, @TempDir Path dir) throws Exception {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        Map<?, ?> fromStream = fixture.uploader.uploadLarge(new ByteArrayInputStream(content),
                options("resource_type", "raw", "public_id", "chunked-" + size + ".bin", "chunk_size", chunk));
        assertEquals(requests, fixture.control.requestCount("upload:upload"));
        assertEquals(size, ((Number) fromStream.get("bytes")).intValue());
        assertArrayEquals(content, fetch((String) fromStream.get("url")));

        Path file = dir.resolve("f.bin");
        Files.write(file, content);
        fixture.control.resetRequestCounts();
        Map<?, ?> fromFile = fixture.uploader.uploadLarge(file.toFile(),
                options("resource_type", "raw", "public_id", "chunked-file-" + size + ".bin", "chunk_size", chunk));
        assertEquals(requests, fixture.control.requestCount("upload:upload"));
        assertArrayEquals(content, fetch((String) fromFile.get("url")));
    }

    @Test
    void chunkedImageUploadIsInspectedWhole() throws Exception {
        byte[] png = png(120, 90);
        Map<?, ?> result = fixture.uploader.uploadLarge(new ByteArrayInputStream(png),
                options("public_id", "big-picture", "chunk_size", 100));
        assertEquals(120, result.get("width"));
        assertEquals(png.length, result.get("bytes"));
    }

    @Test
    void privateDownloadUrlServesThePrivateOriginal() throws Exception {
        byte[] png = png(9, 9);
        fixture.uploader.upload(png, options("public_id", "secret-doc", "type", "private"));
        String url = fixture.cloudinary.privateDownload("secret-doc", "png",
                options("type", "private", "expires_at", System.currentTimeMillis() / 1000 + 60));
        assertArrayEquals(png, fetch(url));
        String expired = fixture.cloudinary.privateDownload("secret-doc", "png",
                options("type", "private", "expires_at", System.currentTimeMillis() / 1000 - 60));
        HttpResponse<String> refused = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(expired)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode());
    }

    @Test
    void directoryStoreKeepsAssetsAcrossRestarts(@TempDir Path dir) throws Exception {
        byte[] png = png(11, 13);
        try (EmulatorFixture first = new EmulatorFixture(CloudinaryEmulator.builder().dataDirectory(dir))) {
            first.uploader.upload(png, options("public_id", "persisted", "tags", "kept"));
            first.uploader.upload(png, options("public_id", "deleted"));
            first.uploader.destroy("deleted", options());
        }
        try (EmulatorFixture second = new EmulatorFixture(CloudinaryEmulator.builder().dataDirectory(dir))) {
            Map<?, ?> resource = second.api.resource("persisted", options());
            assertEquals(11, resource.get("width"));
            assertEquals(List.of("kept"), resource.get("tags"));
            assertArrayEquals(png, fetch((String) resource.get("url")));
            assertThrows(com.cloudinary.api.exceptions.NotFound.class, () -> second.api.resource("deleted", options()));
        }
    }

    @Test
    void nonAsciiPublicIdsRoundTrip() throws Exception {
        Map<?, ?> result = fixture.uploader.upload("x".getBytes(StandardCharsets.UTF_8),
                options("resource_type", "raw", "public_id", "dossier/été 2026.txt"));
        assertEquals("dossier/été 2026.txt", result.get("public_id"));
        assertEquals("dossier/été 2026.txt",
                fixture.api.resource("dossier/été 2026.txt", options("resource_type", "raw")).get("public_id"));
        Cloudinary cloudinary = fixture.cloudinary;
        String url = cloudinary.url().resourceType("raw").generate("dossier/été 2026.txt");
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), fetch(url));
    }

    private static Map<?, ?> assertDoesNotThrowReturning(ThrowingSupplier supplier) {
        try {
            return supplier.get();
        } catch (Exception e) {
            throw new AssertionError("unexpected " + e, e);
        }
    }

    @FunctionalInterface
    interface ThrowingSupplier {
        Map<?, ?> get() throws Exception;
    }
}
