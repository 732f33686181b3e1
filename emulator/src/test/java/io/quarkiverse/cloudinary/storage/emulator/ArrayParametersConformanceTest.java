package io.quarkiverse.cloudinary.storage.emulator;

import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.cloudinary.utils.ObjectUtils;

/**
 * Array parameters in every form SDKs send them ({@code public_ids[]=a}, {@code public_ids[0]=a}, repeated
 * {@code public_ids=a}), in query strings, url-encoded bodies and multipart bodies. Other SDKs than the Java one send
 * the indexed form, so these requests are written by hand; each must touch exactly the assets it names.
 */
class ArrayParametersConformanceTest {

    @RegisterExtension
    static final EmulatorFixture fixture = new EmulatorFixture();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The three spellings of the i-th value of an array parameter. */
    static String key(String form, String name, int index) {
        return switch (form) {
            case "brackets" -> name + "[]";
            case "indexed" -> name + "[" + index + "]";
            default -> name;
        };
    }

    private static String query(String form, String name, List<String> values) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            pairs.add(encode(key(form, name, i)) + "=" + encode(values.get(i)));
        }
        return String.join("&", pairs);
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((fixture.emulator.account().apiKey() + ":"
                + fixture.emulator.account().apiSecret()).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> admin(String method, String path, String query, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fixture.emulator.baseUrl() + "/v1_1/"
                + fixture.emulator.account().cloudName() + "/" + path + (query == null ? "" : "?" + query)))
                .header("Authorization", basic());
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A signed multipart Upload API call for raw files with the array parameter written in the given form. */
    private static HttpResponse<String> signedMultipart(String action, Map<String, String> fields, String arrayName,
            List<String> values, String form) throws Exception {
        return RawRequests.signedMultipart(fixture, "raw", action, fields, arrayName, values, form);
    }

    private static void seed() throws Exception {
        for (String id : List.of("a.txt", "b.txt", "c.txt")) {
            fixture.uploader.upload(id.getBytes(), options("resource_type", "raw", "public_id", id));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "brackets", "indexed", "repeated" })
    void listingByIdsInTheQueryIsScopedToTheIds(String form) throws Exception {
        seed();
        HttpResponse<String> listed = admin("GET", "resources/raw/upload",
                query(form, "public_ids", List.of("a.txt", "c.txt")), null);
        assertEquals(200, listed.statusCode(), listed.body());
        Map<?, ?> body = ObjectUtils.toMap(new org.cloudinary.json.JSONObject(listed.body()));
        assertEquals(List.of("a.txt", "c.txt"),
                ((List<?>) body.get("resources")).stream().map(r -> ((Map<?, ?>) r).get("public_id")).toList());
        assertEquals(1, fixture.control.requestCount("admin:resources:by-ids"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "brackets", "indexed", "repeated" })
    void deleteByIdsInAFormBodyDeletesOnlyThoseIds(String form) throws Exception {
        seed();
        HttpResponse<String> deleted = admin("POST", "resources/raw/upload", null,
                "_method=delete&" + query(form, "public_ids", List.of("b.txt", "ghost.txt")));
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals(Map.of("b.txt", "deleted", "ghost.txt", "not_found"),
                ObjectUtils.toMap(new org.cloudinary.json.JSONObject(deleted.body())).get("deleted"));
        assertEquals(List.of("a.txt", "c.txt"), ids());
    }

    @ParameterizedTest
    @ValueSource(strings = { "brackets", "indexed", "repeated" })
    void tagAndContextActionsInMultipartBodiesTouchOnlyTheNamedAssets(String form) throws Exception {
        seed();
        HttpResponse<String> tagged = signedMultipart("tags", Map.of("command", "add", "tag", "picked"), "public_ids",
                List.of("a.txt", "c.txt"), form);
        assertEquals(200, tagged.statusCode(), tagged.body());
        assertEquals(List.of("a.txt", "c.txt"), fixture.api.resourcesByTag("picked", options("resource_type", "raw"))
                .get("resources") instanceof List<?> list
                        ? list.stream().map(r -> ((Map<?, ?>) r).get("public_id")).sorted().toList()
                        : List.of());
        HttpResponse<String> context = signedMultipart("context", Map.of("command", "add", "context", "k=v"),
                "public_ids", List.of("b.txt"), form);
        assertEquals(200, context.statusCode(), context.body());
        assertEquals(Map.of("custom", Map.of("k", "v")),
                fixture.api.resource("b.txt", options("resource_type", "raw")).get("context"));
        assertEquals(null, fixture.api.resource("a.txt", options("resource_type", "raw")).get("context"));
    }

    @Test
    void assetIdsAndTagsInTheIndexedFormToo() throws Exception {
        seed();
        String a = (String) fixture.api.resource("a.txt", options("resource_type", "raw")).get("asset_id");
        HttpResponse<String> byAssetIds = admin("GET", "resources/by_asset_ids",
                query("indexed", "asset_ids", List.of(a)), null);
        assertEquals(200, byAssetIds.statusCode(), byAssetIds.body());
        assertEquals(1, ((List<?>) ObjectUtils.toMap(new org.cloudinary.json.JSONObject(byAssetIds.body()))
                .get("resources")).size());

        HttpResponse<String> upload = signedMultipart("upload", Map.of("public_id", "tagged.txt", "file",
                "data:text/plain;base64," + Base64.getEncoder().encodeToString("t".getBytes())), "tags",
                List.of("one", "two"), "indexed");
        assertEquals(200, upload.statusCode(), upload.body());
        assertEquals(List.of("one", "two"),
                fixture.api.resource("tagged.txt", options("resource_type", "raw")).get("tags"));
    }

    /** {@code prefixes} belongs to the archive calls only, which the emulator does not implement: refused, in every form. */
    @ParameterizedTest
    @ValueSource(strings = { "brackets", "indexed", "repeated" })
    void prefixesOfArchivesAreRefusedInEveryFormNotIgnored(String form) throws Exception {
        seed();
        HttpResponse<String> archive = RawRequests.signedMultipart(fixture, "raw", "generate_archive",
                Map.of("target_format", "zip", "mode", "create"), "prefixes", List.of("a", "b"), form);
        assertEquals(404, archive.statusCode(), archive.body());
        assertEquals("The Cloudinary emulator does not support the Upload API action generate_archive",
                ((Map<?, ?>) ObjectUtils.toMap(new org.cloudinary.json.JSONObject(archive.body())).get("error"))
                        .get("message"));
        RuntimeException sdk = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> fixture.uploader.createArchive(options("resource_type", "raw", "prefixes", List.of("a", "b")),
                        "zip"));
        assertEquals("The Cloudinary emulator does not support the Upload API action generate_archive",
                sdk.getMessage());
        assertEquals(List.of("a.txt", "b.txt", "c.txt"), ids(), "nothing was touched");
    }

    private static List<String> ids() throws Exception {
        return ((List<?>) fixture.api.resources(options("resource_type", "raw")).get("resources")).stream()
                .map(r -> (String) ((Map<?, ?>) r).get("public_id")).sorted().toList();
    }
}
