package io.quarkiverse.cloudinary.storage.emulator;

import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.options;
import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.png;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.cloudinary.EagerTransformation;
import com.cloudinary.Transformation;
import com.sun.net.httpserver.HttpServer;

/**
 * Upload parameters through the official SDK: {@code allowed_formats}, {@code format}, {@code filename_override},
 * {@code access_mode}, data URIs with line breaks, remote URLs, and {@code eager} on upload and explicit.
 */
class UploadParametersConformanceTest {

    @RegisterExtension
    static final EmulatorFixture fixture = new EmulatorFixture();

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Map<?, ?> error(Map<?, ?> answer) {
        return (Map<?, ?>) answer.get("error");
    }

    @Test
    void allowedFormatsRefuseAnyOtherFormat() throws Exception {
        RuntimeException refused = assertThrows(RuntimeException.class, () -> fixture.uploader.upload(png(2, 2),
                options("public_id", "only-jpg", "allowed_formats", new String[] { "jpg", "gif" })));
        assertEquals("Image file format png not allowed", refused.getMessage());
        Map<?, ?> withStatus = fixture.uploader.upload(png(2, 2), options("public_id", "only-jpg",
                "allowed_formats", "jpg", "return_error", true));
        assertEquals(400, error(withStatus).get("http_code"));
        assertThrows(com.cloudinary.api.exceptions.NotFound.class, () -> fixture.api.resource("only-jpg", options()));

        assertEquals("png", fixture.uploader.upload(png(2, 2), options("public_id", "png-ok", "allowed_formats",
                new String[] { "png" })).get("format"));
        // a format the upload converts to counts, as in the SDK's own live tests
        assertEquals("jpg", fixture.uploader.upload(png(2, 2), options("public_id", "converted", "allowed_formats",
                new String[] { "jpg" }, "format", "jpg")).get("format"));

        RuntimeException raw = assertThrows(RuntimeException.class, () -> fixture.uploader.upload("x".getBytes(),
                options("resource_type", "raw", "public_id", "notes.txt", "allowed_formats", "pdf")));
        assertEquals("Raw file format txt not allowed", raw.getMessage());
    }

    @Test
    void formatConvertsTheStoredImage() throws Exception {
        Map<?, ?> result = fixture.uploader.upload(png(30, 20), options("public_id", "as-jpg", "format", "jpg"));
        assertEquals("jpg", result.get("format"));
        assertTrue(((String) result.get("url")).endsWith("/as-jpg.jpg"), (String) result.get("url"));
        HttpResponse<byte[]> delivered = get((String) result.get("url"));
        assertEquals(200, delivered.statusCode());
        assertEquals("image/jpeg", delivered.headers().firstValue("Content-Type").orElse(""));
        byte[] bytes = delivered.body();
        assertEquals(0xFF, bytes[0] & 0xFF, "a JPEG starts with FF D8");
        assertEquals(0xD8, bytes[1] & 0xFF);
        assertEquals(bytes.length, ((Number) result.get("bytes")).intValue());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertEquals(30, image.getWidth());
        assertEquals(20, result.get("height"));
        assertEquals("jpg", fixture.api.resource("as-jpg", options()).get("format"));

        assertEquals("png", fixture.uploader.upload(png(2, 2), options("public_id", "same", "format", "png"))
                .get("format"), "the format it has already");
        RuntimeException webp = assertThrows(RuntimeException.class,
                () -> fixture.uploader.upload(png(2, 2), options("public_id", "w", "format", "webp")));
        assertTrue(webp.getMessage().startsWith("The emulator cannot convert images to webp"), webp.getMessage());
        RuntimeException raw = assertThrows(RuntimeException.class, () -> fixture.uploader.upload("x".getBytes(),
                options("resource_type", "raw", "public_id", "r.txt", "format", "pdf")));
        assertTrue(raw.getMessage().startsWith("The emulator cannot convert raw files"), raw.getMessage());
    }

    @Test
    void privateDownloadInAnotherFormatConverts() throws Exception {
        fixture.uploader.upload(png(6, 3), options("public_id", "doc", "type", "private"));
        HttpResponse<byte[]> same = get(fixture.cloudinary.privateDownload("doc", "png", options("type", "private")));
        assertEquals("image/png", same.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<byte[]> converted = get(fixture.cloudinary.privateDownload("doc", "jpg",
                options("type", "private")));
        assertEquals(200, converted.statusCode());
        assertEquals("image/jpeg", converted.headers().firstValue("Content-Type").orElse(""));
        assertEquals(6, ImageIO.read(new ByteArrayInputStream(converted.body())).getWidth());

        fixture.uploader.upload("x".getBytes(), options("resource_type", "raw", "public_id", "notes.txt", "type",
                "private"));
        assertEquals(200, get(fixture.cloudinary.privateDownload("notes.txt", "", options("resource_type", "raw",
                "type", "private"))).statusCode(), "a raw file keeps its extension in its id");
        assertEquals(400, get(fixture.cloudinary.privateDownload("notes.txt", "pdf", options("resource_type", "raw",
                "type", "private"))).statusCode());
    }

    @Test
    void filenameOverrideSetsTheOriginalFilename(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("real-name.png");
        Files.write(file, png(2, 2));
        Map<?, ?> overridden = fixture.uploader.upload(file.toFile(), options("filename_override", "overridden"));
        assertEquals("overridden", overridden.get("original_filename"));
        Map<?, ?> named = fixture.uploader.upload(file.toFile(), options("filename_override", "chosen.png",
                "use_filename", true, "unique_filename", false));
        assertEquals("chosen", named.get("public_id"));
        assertEquals("real-name", fixture.uploader.upload(file.toFile(), options()).get("original_filename"));
        assertFalse(fixture.uploader.upload(file.toFile(), options("discard_original_filename", true))
                .containsKey("original_filename"));
    }

    @Test
    void accessModeIsEchoedAndAuthenticatedAccessNeedsASignedUrl() throws Exception {
        Map<?, ?> open = fixture.uploader.upload(png(2, 2), options("public_id", "open"));
        assertEquals("public", open.get("access_mode"));
        Map<?, ?> closed = fixture.uploader.upload(png(2, 2), options("public_id", "closed", "access_mode",
                "authenticated"));
        assertEquals("authenticated", closed.get("access_mode"));
        assertEquals("authenticated", fixture.api.resource("closed", options()).get("access_mode"));
        assertEquals("upload", closed.get("type"));
        assertEquals(401, get((String) closed.get("url")).statusCode());
        String signed = fixture.cloudinary.url().signed(true).format("png").generate("closed");
        assertEquals(200, get(signed).statusCode(), signed);
        assertEquals(200, get((String) open.get("url")).statusCode());
        RuntimeException invalid = assertThrows(RuntimeException.class, () -> fixture.uploader.upload(png(2, 2),
                options("public_id", "x", "access_mode", "secret")));
        assertTrue(invalid.getMessage().startsWith("Invalid access_mode secret"), invalid.getMessage());
    }

    @Test
    void dataUrisWithLineBreaksAndSpacesAreAccepted() throws Exception {
        String base64 = Base64.getMimeEncoder(16, "\n".getBytes()).encodeToString(png(7, 5));
        assertTrue(base64.contains("\n"));
        Map<?, ?> wrapped = fixture.uploader.upload("data:image/png;base64," + base64, options("public_id", "wrapped"));
        assertEquals(7, wrapped.get("width"));
        assertEquals(5, wrapped.get("height"));

        // the Java SDK takes a data URI with a space for a file name: other clients send it as it is
        String spaced = "data:image/png;base64," + base64.replace("\n", " \r\n ");
        HttpResponse<String> answer = RawRequests.signedMultipart(fixture, "image", "upload",
                Map.of("public_id", "spaced", "file", spaced), "tags", List.of("s"), "brackets");
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(7, fixture.api.resource("spaced", options()).get("width"));
    }

    @Test
    void remoteUrlsAreFetchedByTheEmulator() throws Exception {
        byte[] picture = png(9, 4);
        HttpServer origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/media/remote-pic.png")) {
                exchange.getResponseHeaders().set("Content-Type", "image/png");
                exchange.sendResponseHeaders(200, picture.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(picture);
                }
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        origin.start();
        try {
            String base = "http://127.0.0.1:" + origin.getAddress().getPort();
            Map<?, ?> result = fixture.uploader.upload(base + "/media/remote-pic.png?v=2", options());
            assertEquals(9, result.get("width"));
            assertEquals(picture.length, result.get("bytes"));
            assertEquals("remote-pic", result.get("original_filename"));
            assertEquals("png", result.get("format"));
            Map<?, ?> named = fixture.uploader.upload(base + "/media/remote-pic.png", options("use_filename", true,
                    "unique_filename", false));
            assertEquals("remote-pic", named.get("public_id"));

            RuntimeException missing = assertThrows(RuntimeException.class,
                    () -> fixture.uploader.upload(base + "/nothing.png", options()));
            assertEquals("Error in loading " + base + "/nothing.png - 404", missing.getMessage());
        } finally {
            origin.stop(0);
        }
        RuntimeException ftp = assertThrows(RuntimeException.class,
                () -> fixture.uploader.upload("ftp://127.0.0.1/file.png", options()));
        assertTrue(ftp.getMessage().startsWith("The Cloudinary emulator does not support uploads from ftp:"),
                ftp.getMessage());
    }

    @Test
    void eagerOnUploadAndExplicitAnswersTheDerivedVersions() throws Exception {
        List<Transformation> eager = new ArrayList<>();
        eager.add(new Transformation().width(20).crop("scale"));
        eager.add(new EagerTransformation().width(10).height(10).crop("fill").format("jpg"));
        Map<?, ?> uploaded = fixture.uploader.upload(png(40, 30), options("public_id", "eager/pic", "eager", eager));
        List<?> derived = (List<?>) uploaded.get("eager");
        assertEquals(2, derived.size());
        Map<?, ?> scaled = (Map<?, ?>) derived.get(0);
        assertEquals("c_scale,w_20", scaled.get("transformation"));
        assertEquals(20, scaled.get("width"));
        assertEquals(15, scaled.get("height"));
        assertEquals("png", scaled.get("format"));
        long version = ((Number) uploaded.get("version")).longValue();
        assertEquals(fixture.emulator.baseUrl() + "/demo-cloud/image/upload/c_scale,w_20/v" + version
                + "/eager/pic.png", scaled.get("url"));
        assertEquals(scaled.get("url"), scaled.get("secure_url"));
        HttpResponse<byte[]> served = get((String) scaled.get("url"));
        assertEquals(((Number) scaled.get("bytes")).intValue(), served.body().length,
                "the eager answer describes what its URL serves");
        Map<?, ?> filled = (Map<?, ?>) derived.get(1);
        assertEquals("c_fill,h_10,w_10/jpg", filled.get("transformation"));
        assertEquals("jpg", filled.get("format"));
        assertEquals(10, filled.get("width"));
        assertTrue(((String) filled.get("url")).endsWith("/c_fill,h_10,w_10/v" + version + "/eager/pic.jpg"));
        BufferedImage filledImage = ImageIO.read(new ByteArrayInputStream(get((String) filled.get("url")).body()));
        assertEquals(10, filledImage.getHeight());

        Map<?, ?> explicit = fixture.uploader.explicit("eager/pic", options("type", "upload", "eager",
                List.of(new Transformation().width(8).height(6).crop("fit"))));
        Map<?, ?> fitted = (Map<?, ?>) ((List<?>) explicit.get("eager")).get(0);
        assertEquals("c_fit,h_6,w_8", fitted.get("transformation"));
        assertEquals(8, fitted.get("width"));
        assertEquals(6, fitted.get("height"));

        List<?> details = (List<?>) fixture.api.resource("eager/pic", options()).get("derived");
        assertEquals(3, details.size());
        Map<?, ?> first = (Map<?, ?>) details.get(0);
        assertEquals("c_scale,w_20", first.get("transformation"));
        assertEquals("png", first.get("format"));
        assertNotNull(first.get("bytes"));
        assertTrue(((String) first.get("id")).matches("[0-9a-f]{32}"));
        assertEquals(scaled.get("url"), first.get("url"));
        assertEquals(1, ((List<?>) fixture.api.resource("eager/pic", options("max_results", 1)).get("derived"))
                .size());
        assertFalse(fixture.uploader.upload(png(2, 2), options("public_id", "plain")).containsKey("eager"));

        RuntimeException raw = assertThrows(RuntimeException.class, () -> fixture.uploader.upload("x".getBytes(),
                options("resource_type", "raw", "public_id", "r.txt", "eager", eager)));
        assertEquals("The emulator applies eager transformations to images only", raw.getMessage());
        RuntimeException invalid = assertThrows(RuntimeException.class, () -> fixture.uploader.upload(png(2, 2),
                options("public_id", "bad", "eager", List.of(new Transformation().rawTransformation("w_abc")))));
        assertEquals("Invalid width in transformation: abc", invalid.getMessage());
    }
}
