package io.quarkiverse.cloudinary.storage.emulator;

import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.options;
import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.png;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.cloudinary.api.ApiResponse;
import com.cloudinary.api.exceptions.NotFound;

/**
 * Admin API listings through the official SDK: the account's resource types, lookups by asset id, the {@code fields}
 * parameter, the tag listing's pages, and tags answered sorted everywhere.
 */
class ResourceListingConformanceTest {

    @RegisterExtension
    static final EmulatorFixture fixture = new EmulatorFixture();

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> resources(ApiResponse response) {
        return (List<Map<String, Object>>) response.get("resources");
    }

    private static Map<?, ?> uploadRaw(String publicId, Object... more) throws Exception {
        Map<String, Object> options = options(more);
        options.put("resource_type", "raw");
        options.put("public_id", publicId);
        return fixture.uploader.upload(publicId.getBytes(), options);
    }

    @Test
    void resourceTypesAreThoseTheAccountHolds() throws Exception {
        assertEquals(List.of(), fixture.api.resourceTypes(options()).get("resource_types"));
        uploadRaw("a.txt");
        fixture.uploader.upload(png(2, 2), options("public_id", "pic"));
        assertEquals(List.of("image", "raw"), fixture.api.resourceTypes(options()).get("resource_types"));
        assertEquals(2, fixture.control.requestCount("admin:resources:types"), "not counted as a listing");
        assertEquals(0, fixture.control.requestCount("admin:resources:list"));
    }

    @Test
    void resourceByAssetIdAnswersTheDetails() throws Exception {
        Map<?, ?> uploaded = fixture.uploader.upload(png(3, 4), options("public_id", "by/asset", "tags", "t"));
        String assetId = (String) uploaded.get("asset_id");
        ApiResponse details = fixture.api.resourceByAssetID(assetId, options());
        assertEquals("by/asset", details.get("public_id"));
        assertEquals(assetId, details.get("asset_id"));
        assertEquals(List.of("t"), details.get("tags"));
        assertEquals(3, details.get("width"));

        ApiResponse narrowed = fixture.api.resourceByAssetID(assetId, options("fields", "width"));
        assertEquals(Set.of("asset_id", "public_id", "width"), narrowed.keySet());

        NotFound missing = assertThrows(NotFound.class,
                () -> fixture.api.resourceByAssetID("0123456789abcdef0123456789abcdef", options()));
        assertEquals("Resource not found - 0123456789abcdef0123456789abcdef", missing.getMessage());
    }

    @Test
    void resourcesByAssetIdsLeaveOutUnknownIds() throws Exception {
        String a = (String) uploadRaw("ids/a.txt").get("asset_id");
        String b = (String) fixture.uploader.upload(png(1, 1), options("public_id", "ids/b")).get("asset_id");
        uploadRaw("ids/c.txt");
        ApiResponse found = fixture.api.resourcesByAssetIDs(List.of(a, "ffffffffffffffffffffffffffffffff", b),
                options("tags", true));
        assertEquals(List.of("ids/a.txt", "ids/b"), resources(found).stream().map(r -> r.get("public_id")).toList(),
                "across resource types, in the order asked");
        assertEquals(List.of(), resources(found).get(0).get("tags"));
    }

    @Test
    void fieldsRestrictListedEntriesToTheNamedFieldsPlusTheIds() throws Exception {
        fixture.uploader.upload(png(5, 6), options("public_id", "f/one", "tags", "x"));
        List<Map<String, Object>> one = resources(fixture.api.resources(options("prefix", "f/", "fields", "width")));
        assertEquals(Set.of("asset_id", "public_id", "width"), one.get(0).keySet());
        assertEquals(5, one.get(0).get("width"));

        List<Map<String, Object>> two = resources(fixture.api.resources(options("prefix", "f/", "fields",
                new String[] { "width", "format" })));
        assertEquals(Set.of("asset_id", "public_id", "width", "format"), two.get(0).keySet());

        List<Map<String, Object>> withTags = resources(fixture.api.resourcesByTag("x",
                options("fields", "bytes", "tags", true)));
        assertEquals(Set.of("asset_id", "public_id", "bytes", "tags"), withTags.get(0).keySet());
        List<Map<String, Object>> tagsAsField = resources(fixture.api.resources(options("fields", "tags")));
        assertEquals(List.of("x"), tagsAsField.get(0).get("tags"));
    }

    @Test
    void tagsComeBackSortedFromUploadsDetailsAndListings() throws Exception {
        Map<?, ?> uploaded = uploadRaw("s.txt", "tags", List.of("zeta", "alpha", "mid", "alpha"));
        assertEquals(List.of("alpha", "mid", "zeta"), uploaded.get("tags"));
        fixture.uploader.addTag("beta", new String[] { "s.txt" }, options("resource_type", "raw"));
        assertEquals(List.of("alpha", "beta", "mid", "zeta"),
                fixture.api.resource("s.txt", options("resource_type", "raw")).get("tags"));
        assertEquals(List.of("alpha", "beta", "mid", "zeta"), resources(fixture.api.resources(
                options("resource_type", "raw", "tags", true))).get(0).get("tags"));
        Map<?, ?> explicit = fixture.uploader.explicit("s.txt", options("resource_type", "raw", "type", "upload",
                "tags", List.of("y", "x")));
        assertEquals(List.of("x", "y"), explicit.get("tags"));
    }

    @Test
    void theTagListingPages() throws Exception {
        uploadRaw("t1.txt", "tags", List.of("c", "a"));
        uploadRaw("t2.txt", "tags", List.of("b", "d", "a"));
        ApiResponse first = fixture.api.tags(options("resource_type", "raw", "max_results", 3));
        assertEquals(List.of("a", "b", "c"), first.get("tags"));
        ApiResponse second = fixture.api.tags(options("resource_type", "raw", "max_results", 3, "next_cursor",
                first.get("next_cursor")));
        assertEquals(List.of("d"), second.get("tags"));
        assertEquals(null, second.get("next_cursor"));
        assertEquals(List.of("b"), fixture.api.tags(options("resource_type", "raw", "prefix", "b")).get("tags"));
    }
}
