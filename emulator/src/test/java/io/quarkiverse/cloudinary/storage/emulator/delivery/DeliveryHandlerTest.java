package io.quarkiverse.cloudinary.storage.emulator.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.cloudinary.Cloudinary;
import com.cloudinary.Transformation;
import com.cloudinary.utils.ObjectUtils;
import com.sun.net.httpserver.HttpServer;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorAccount;
import io.quarkiverse.cloudinary.storage.emulator.model.Asset;
import io.quarkiverse.cloudinary.storage.emulator.store.BlobStore;
import io.quarkiverse.cloudinary.storage.emulator.store.StoredBlob;

class DeliveryHandlerTest {

    static final EmulatorAccount ACCOUNT = new EmulatorAccount("demo", "k", "abcdEFGHsecret");
    static final MapStore BLOBS = new MapStore();
    static final Map<String, Asset> ASSETS = new ConcurrentHashMap<>();
    static HttpServer server;
    static Cloudinary cloudinary;
    static HttpClient http = HttpClient.newHttpClient();
    static byte[] png;

    /** An in-memory blob store, enough for delivery. */
    static final class MapStore implements BlobStore {
        final Map<String, byte[]> map = new ConcurrentHashMap<>();

        @Override
        public StoredBlob write(InputStream content) throws IOException {
            byte[] b = content.readAllBytes();
            String md5 = md5(b);
            map.put(md5, b);
            return new StoredBlob(md5, b.length, md5);
        }

        @Override
        public InputStream open(String key) throws IOException {
            byte[] b = map.get(key);
            if (b == null) {
                throw new NoSuchFileException(key);
            }
            return new ByteArrayInputStream(b);
        }

        @Override
        public long size(String key) throws IOException {
            byte[] b = map.get(key);
            if (b == null) {
                throw new NoSuchFileException(key);
            }
            return b.length;
        }

        @Override
        public void delete(String key) {
            map.remove(key);
        }

        @Override
        public void clear() {
            map.clear();
        }

        @Override
        public String description() {
            return "a map of " + map.size() + " blobs";
        }
    }

    @BeforeAll
    static void start() throws IOException {
        DeliveryHandler handler = new DeliveryHandler(
                (cloud, rt, type, id) -> Optional.ofNullable(ASSETS.get(cloud + "|" + rt + "|" + type + "|" + id)),
                BLOBS);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String raw = exchange.getRequestURI().getRawPath();
            String prefix = "/" + ACCOUNT.cloudName() + "/";
            if (!raw.startsWith(prefix)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            handler.handle(exchange, ACCOUNT, raw.substring(prefix.length()));
        });
        server.start();
        int port = server.getAddress().getPort();
        cloudinary = new Cloudinary(ObjectUtils.asMap("cloud_name", "demo", "api_key", "k", "api_secret",
                "abcdEFGHsecret", "secure", false, "cname", "127.0.0.1:" + port));

        png = image("png", 400, 300, true);
        put("image", "upload", "sample", "png", png);
        put("image", "upload", "folder/sub/pic", "png", png);
        put("image", "upload", "w_100_photos/cat", "png", png);
        put("image", "upload", "my_folder/dog", "png", png);
        put("image", "upload", "dir/a b+c é", "png", png);
        put("image", "authenticated", "dir/sample", "png", png);
        put("image", "private", "secret", "png", png);
        put("raw", "upload", "docs/readme.txt", null, "hello, raw world".getBytes(StandardCharsets.UTF_8));
        byte[] video = new byte[300_000];
        for (int i = 0; i < video.length; i++) {
            video[i] = (byte) (i * 31);
        }
        put("video", "upload", "clips/movie", "mp4", video);
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static void put(String rt, String type, String id, String format, byte[] bytes) throws IOException {
        StoredBlob blob = BLOBS.write(new ByteArrayInputStream(bytes));
        ASSETS.put("demo|" + rt + "|" + type + "|" + id, new Asset("demo", rt, type, id, format, 1_700_000_000L,
                "0".repeat(32), "1".repeat(32), blob.size(), null, null, blob.md5Hex(), Instant.ofEpochSecond(1_700_000_000L),
                List.of(), Map.of(), "orig", blob.key()));
    }

    static byte[] image(String format, int w, int h, boolean alpha) throws IOException {
        BufferedImage img = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // left half red, right half blue, top row green: lets crops be checked by colour
                img.setRGB(x, y, y < 10 ? 0xFF00FF00 : x < w / 2 ? 0xFFFF0000 : 0xFF0000FF);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    static String md5(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<byte[]> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> head(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static BufferedImage decode(HttpResponse<byte[]> r) throws IOException {
        assertEquals(200, r.statusCode(), () -> r.headers().firstValue("X-Cld-Error").orElse(""));
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    static String url(Transformation t, String format, String id) {
        var u = cloudinary.url();
        if (t != null) {
            u.transformation(t);
        }
        if (format != null) {
            u.format(format);
        }
        return u.generate(id);
    }

    @Test
    void originalIsServedWithHeaders() throws Exception {
        String url = url(null, "png", "sample");
        assertTrue(url.endsWith("/demo/image/upload/sample.png"), url);
        HttpResponse<byte[]> r = get(url);
        assertEquals(200, r.statusCode());
        assertArrayEquals(png, r.body());
        assertEquals("image/png", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("\"" + md5(png) + "\"", r.headers().firstValue("ETag").orElseThrow());
        assertEquals("bytes", r.headers().firstValue("Accept-Ranges").orElseThrow());
        assertEquals("public, max-age=2592000", r.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("Tue, 14 Nov 2023 22:13:20 GMT", r.headers().firstValue("Last-Modified").orElseThrow());
        assertEquals(String.valueOf(png.length), r.headers().firstValue("Content-Length").orElseThrow());
        // no extension: the stored format
        assertArrayEquals(png, get(url(null, null, "sample")).body());
        // a version and the analytics query string are both ignored
        assertArrayEquals(png, get(cloudinary.url().version(123).format("png").generate("sample") + "?_a=BAMAAA").body());
    }

    @Test
    void ifNoneMatchGives304() throws Exception {
        String url = url(null, "png", "sample");
        HttpResponse<byte[]> r = get(url, "If-None-Match", "\"" + md5(png) + "\"");
        assertEquals(304, r.statusCode());
        assertEquals(0, r.body().length);
        assertEquals(200, get(url, "If-None-Match", "\"other\"").statusCode());
    }

    @Test
    void cropModes() throws Exception {
        BufferedImage fill = decode(get(url(new Transformation().crop("fill").width(200).height(200), null, "sample")));
        assertEquals(200, fill.getWidth());
        assertEquals(200, fill.getHeight());
        BufferedImage fit = decode(get(url(new Transformation().crop("fit").width(200).height(200), null, "sample")));
        assertEquals(List.of(200, 150), List.of(fit.getWidth(), fit.getHeight()));
        BufferedImage limit = decode(get(url(new Transformation().crop("limit").width(1000), null, "sample")));
        assertEquals(List.of(400, 300), List.of(limit.getWidth(), limit.getHeight()));
        BufferedImage scale = decode(get(url(new Transformation().crop("scale").width(100), null, "sample")));
        assertEquals(List.of(100, 75), List.of(scale.getWidth(), scale.getHeight()));
        BufferedImage exact = decode(get(url(new Transformation().crop("scale").width(50).height(80), null, "sample")));
        assertEquals(List.of(50, 80), List.of(exact.getWidth(), exact.getHeight()));
        BufferedImage onlyH = decode(get(url(new Transformation().height(150), null, "sample")));
        assertEquals(List.of(200, 150), List.of(onlyH.getWidth(), onlyH.getHeight()));
        BufferedImage relative = decode(get(url(new Transformation().width(0.5), null, "sample")));
        assertEquals(List.of(200, 150), List.of(relative.getWidth(), relative.getHeight()));
        BufferedImage crop = decode(get(url(new Transformation().crop("crop").width(100).height(50).gravity("north_west"),
                null, "sample")));
        assertEquals(List.of(100, 50), List.of(crop.getWidth(), crop.getHeight()));
        assertEquals(0xFF00FF00, crop.getRGB(50, 5)); // top-left corner: green stripe
        BufferedImage east = decode(get(url(new Transformation().crop("fill").width(100).height(300).gravity("east"),
                null, "sample")));
        assertEquals(0xFF0000FF, east.getRGB(50, 150) | 0xFF000000, "east crop keeps the blue half");
        BufferedImage west = decode(get(url(new Transformation().crop("fill").width(100).height(300).gravity("west"),
                null, "sample")));
        assertEquals(0xFFFF0000, west.getRGB(50, 150) | 0xFF000000, "west crop keeps the red half");
    }

    @Test
    void chainedStepsIgnoreUnsupportedKeys() throws Exception {
        String url = url(new Transformation().crop("scale").width(100).chain().angle(90).effect("grayscale").radius(20),
                null, "sample");
        assertTrue(url.contains("/c_scale,w_100/a_90,e_grayscale,r_20/"), url);
        BufferedImage img = decode(get(url));
        assertEquals(List.of(100, 75), List.of(img.getWidth(), img.getHeight()));
        // only unsupported keys: the original bytes, with the original etag
        HttpResponse<byte[]> r = get(url(new Transformation().angle(90), null, "sample"));
        assertArrayEquals(png, r.body());
        assertEquals("\"" + md5(png) + "\"", r.headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void formatConversionByExtensionAndFetchFormat() throws Exception {
        HttpResponse<byte[]> jpg = get(url(new Transformation().width(100), "jpg", "sample"));
        assertEquals("image/jpeg", jpg.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(0xFF, jpg.body()[0] & 0xFF);
        assertEquals(0xD8, jpg.body()[1] & 0xFF);
        assertEquals(100, decode(jpg).getWidth());
        assertEquals("\"" + md5(jpg.body()) + "\"", jpg.headers().firstValue("ETag").orElseThrow());

        HttpResponse<byte[]> plainJpg = get(url(null, "jpg", "sample"));
        assertEquals(400, decode(plainJpg).getWidth());
        assertEquals("image/jpeg", plainJpg.headers().firstValue("Content-Type").orElseThrow());

        HttpResponse<byte[]> gif = get(url(new Transformation().fetchFormat("gif"), "png", "sample"));
        assertEquals("image/gif", gif.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(new String(gif.body(), 0, 6, StandardCharsets.US_ASCII).startsWith("GIF8"));

        HttpResponse<byte[]> bmp = get(url(null, "bmp", "sample"));
        assertEquals("image/bmp", bmp.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(300, decode(bmp).getHeight());

        HttpResponse<byte[]> auto = get(url(new Transformation().fetchFormat("auto"), null, "sample"));
        assertArrayEquals(png, auto.body());
    }

    @Test
    void signedAuthenticatedUrls() throws Exception {
        String signed = cloudinary.url().signed(true).type("authenticated").version(5).format("png")
                .generate("dir/sample");
        assertEquals(200, get(signed).statusCode(), signed);
        String derived = cloudinary.url().signed(true).type("authenticated").format("png")
                .transformation(new Transformation().width(100)).generate("dir/sample");
        assertEquals(100, decode(get(derived)).getWidth());
        String longSig = cloudinary.url().signed(true).longUrlSignature(true).type("authenticated").format("png")
                .generate("dir/sample");
        assertEquals(200, get(longSig).statusCode(), longSig);

        String tampered = signed.replaceFirst("s--(.)", "s--" + (signed.contains("s--A") ? "B" : "A"));
        assertNotEquals(signed, tampered);
        assertUnauthorized(get(tampered));
        assertUnauthorized(get(cloudinary.url().type("authenticated").format("png").generate("dir/sample")));
        // a signature for another transformation does not carry over
        assertUnauthorized(get(derived.replace("w_100", "w_200")));
    }

    @Test
    void privateOriginalsNeedSignatureButDerivativesAreOpen() throws Exception {
        assertUnauthorized(get(cloudinary.url().type("private").format("png").generate("secret")));
        assertEquals(200, get(cloudinary.url().type("private").signed(true).format("png").generate("secret")).statusCode());
        assertEquals(50, decode(get(cloudinary.url().type("private").transformation(new Transformation().width(50))
                .format("png").generate("secret"))).getWidth());
    }

    static void assertUnauthorized(HttpResponse<byte[]> r) {
        assertEquals(401, r.statusCode());
        assertEquals("deny or ACL failure", r.headers().firstValue("X-Cld-Error").orElseThrow());
    }

    @Test
    void missingAssetsAre404WithReason() throws Exception {
        HttpResponse<byte[]> r = head(url(null, "png", "nope/missing"));
        assertEquals(404, r.statusCode());
        assertEquals(0, r.body().length);
        assertEquals("Resource not found - nope/missing", r.headers().firstValue("X-Cld-Error").orElseThrow());
        HttpResponse<byte[]> g = get(url(null, "png", "missing"));
        assertEquals(404, g.statusCode());
        assertEquals("Resource not found - missing", g.headers().firstValue("X-Cld-Error").orElseThrow());
        // wrong resource type or delivery type
        assertEquals(404, get(cloudinary.url().resourceType("video").format("png").generate("sample")).statusCode());
        assertEquals(404, get(cloudinary.url().type("private").signed(true).format("png").generate("sample")).statusCode());
        assertEquals(404, get(cloudinary.url().resourceType("raw").generate("sample.png")).statusCode());
    }

    @Test
    void headOfExistingAssetHasSizeAndNoBody() throws Exception {
        HttpResponse<byte[]> r = head(url(null, "png", "sample"));
        assertEquals(200, r.statusCode());
        assertEquals(0, r.body().length);
        assertEquals(String.valueOf(png.length), r.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    void malformedTransformationIs400() throws Exception {
        HttpResponse<byte[]> r = get(url(new Transformation().width("abc"), "png", "sample"));
        assertEquals(400, r.statusCode());
        assertEquals("Invalid width in transformation: abc", r.headers().firstValue("X-Cld-Error").orElseThrow());
        HttpResponse<byte[]> v = get(cloudinary.url().transformation(new Transformation().height("x1")).format("png")
                .generate("folder/sub/pic"));
        assertEquals("Invalid height in transformation: x1", v.headers().firstValue("X-Cld-Error").orElseThrow());
    }

    @Test
    void rangesOnOriginals() throws Exception {
        String url = cloudinary.url().resourceType("video").format("mp4").generate("clips/movie");
        byte[] all = get(url).body();
        assertEquals(300_000, all.length);
        assertEquals("video/mp4", get(url).headers().firstValue("Content-Type").orElseThrow());
        HttpResponse<byte[]> r = get(url, "Range", "bytes=1000-1999");
        assertEquals(206, r.statusCode());
        assertEquals("bytes 1000-1999/300000", r.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(java.util.Arrays.copyOfRange(all, 1000, 2000), r.body());
        HttpResponse<byte[]> open = get(url, "Range", "bytes=299990-");
        assertArrayEquals(java.util.Arrays.copyOfRange(all, 299990, 300000), open.body());
        HttpResponse<byte[]> suffix = get(url, "Range", "bytes=-5");
        assertEquals("bytes 299995-299999/300000", suffix.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(java.util.Arrays.copyOfRange(all, 299995, 300000), suffix.body());
        HttpResponse<byte[]> bad = get(url, "Range", "bytes=300000-");
        assertEquals(416, bad.statusCode());
        assertEquals("bytes */300000", bad.headers().firstValue("Content-Range").orElseThrow());
    }

    @Test
    void rawKeepsItsExtensionInTheId() throws Exception {
        String url = cloudinary.url().resourceType("raw").generate("docs/readme.txt");
        assertTrue(url.endsWith("/raw/upload/v1/docs/readme.txt"), url);
        HttpResponse<byte[]> r = get(url);
        assertEquals(200, r.statusCode());
        assertEquals("hello, raw world", new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("text/plain", r.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void foldersThatLookLikeTransformations() throws Exception {
        assertEquals(200, get(url(null, "png", "w_100_photos/cat")).statusCode());
        assertEquals(200, get(url(null, "png", "my_folder/dog")).statusCode());
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/demo/image/upload/";
        // without the version segment the SDK adds, the folder still must not be read as a step
        assertArrayEquals(png, get(base + "w_100_photos/cat.png").body());
        assertArrayEquals(png, get(base + "my_folder/dog.png").body());
        assertEquals(100, decode(get(base + "w_100/my_folder/dog.png")).getWidth());
    }

    @Test
    void encodedPublicIds() throws Exception {
        String url = url(null, "png", "dir/a b+c é");
        assertTrue(url.contains("a%20b%2Bc%20%C3%A9"), url);
        assertArrayEquals(png, get(url).body());
    }

    @Test
    void derivativesAreCachedAndStable() throws Exception {
        String url = url(new Transformation().crop("fill").width(64).height(64), "jpg", "sample");
        HttpResponse<byte[]> a = get(url);
        HttpResponse<byte[]> b = get(url);
        assertArrayEquals(a.body(), b.body());
        assertEquals(a.headers().firstValue("ETag"), b.headers().firstValue("ETag"));
        assertEquals(304, get(url, "If-None-Match", a.headers().firstValue("ETag").orElseThrow()).statusCode());
    }

    @Test
    void otherMethodsAreRejected() throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url(null, "png", "sample")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(405, r.statusCode());
    }

    @Test
    void colourIsKeptWhenFlatteningAlphaToJpeg() throws Exception {
        BufferedImage img = decode(get(url(null, "jpg", "sample")));
        Color c = new Color(img.getRGB(50, 150));
        assertTrue(c.getRed() > 200 && c.getBlue() < 60, c.toString());
    }
}
