package io.quarkiverse.cloudinary.storage.emulator;

import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.cloudinary.api.ApiResponse;
import com.cloudinary.api.exceptions.BadRequest;
import com.cloudinary.api.exceptions.NotFound;

/** The Admin API through the official SDK: listings, pages, details, batched deletes, ping, usage. */
class AdminApiConformanceTest {

    @RegisterExtension
    static final EmulatorFixture fixture = new EmulatorFixture();

    private static void uploadRaw(String publicId, String... tags) throws Exception {
        fixture.uploader.upload(publicId.getBytes(), options("resource_type", "raw", "public_id", publicId,
                "tags", List.of(tags)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> resources(ApiResponse response) {
        return (List<Map<String, Object>>) response.get("resources");
    }

    @Test
    void pingAndUsage() throws Exception {
        assertEquals("ok", fixture.api.ping(options()).get("status"));
        uploadRaw("u/a.txt");
        ApiResponse usage = fixture.api.usage(options());
        assertEquals(1, ((Map<?, ?>) usage.get("objects")).get("usage"));
        assertNotNull(usage.get("media_limits"));
    }

    @Test
    void pagesOfFiveHundredReturnEachAssetOnce() throws Exception {
        for (int i = 0; i < 1_203; i++) {
            uploadRaw(String.format("many/%04d.txt", i), "bulk");
        }
        Set<String> seen = new HashSet<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = options("resource_type", "raw", "type", "upload", "prefix", "many/",
                    "max_results", 500);
            if (cursor != null) {
                page.put("next_cursor", cursor);
            }
            ApiResponse response = fixture.api.resources(page);
            pageSizes.add(resources(response).size());
            resources(response).forEach(r -> assertTrue(seen.add((String) r.get("public_id")), "repeated " + r));
            cursor = (String) response.get("next_cursor");
        } while (cursor != null);
        assertEquals(List.of(500, 500, 203), pageSizes);
        assertEquals(1_203, seen.size());
        assertEquals(3, fixture.control.requestCount("admin:resources:list"));
    }

    @Test
    void deletingBetweenPagesSkipsNothing() throws Exception {
        for (int i = 0; i < 30; i++) {
            uploadRaw(String.format("moving/%02d.txt", i));
        }
        ApiResponse first = fixture.api.resources(options("resource_type", "raw", "prefix", "moving/", "max_results", 10));
        List<String> ids = resources(first).stream().map(r -> (String) r.get("public_id")).toList();
        fixture.api.deleteResources(ids, options("resource_type", "raw"));
        ApiResponse second = fixture.api.resources(options("resource_type", "raw", "prefix", "moving/", "max_results", 10,
                "next_cursor", first.get("next_cursor")));
        assertEquals("moving/10.txt", resources(second).get(0).get("public_id"));
    }

    @Test
    void listingsFilterByTypeTagAndOrderNewestFirst() throws Exception {
        uploadRaw("o/first.txt", "keep");
        Thread.sleep(1_100);
        uploadRaw("o/second.txt", "drop");
        fixture.uploader.upload("p".getBytes(), options("resource_type", "raw", "public_id", "o/private.txt", "type",
                "private"));
        ApiResponse all = fixture.api.resources(options("resource_type", "raw", "type", "upload", "tags", true));
        assertEquals(List.of("o/second.txt", "o/first.txt"),
                resources(all).stream().map(r -> r.get("public_id")).toList());
        assertEquals(List.of("drop"), resources(all).get(0).get("tags"));
        ApiResponse oldest = fixture.api.resources(options("resource_type", "raw", "type", "upload", "direction", "asc"));
        assertEquals("o/first.txt", resources(oldest).get(0).get("public_id"));
        ApiResponse tagged = fixture.api.resourcesByTag("keep", options("resource_type", "raw"));
        assertEquals(List.of("o/first.txt"), resources(tagged).stream().map(r -> r.get("public_id")).toList());
        assertEquals(3, resources(fixture.api.resources(options("resource_type", "raw"))).size(),
                "without a type every delivery type is listed");
    }

    @Test
    void listEntriesCarryTheDocumentedFields() throws Exception {
        fixture.uploader.upload(UploadApiConformanceTest.png(20, 10), options("public_id", "fields/pic"));
        Map<String, Object> entry = resources(fixture.api.resources(options("prefix", "fields/"))).get(0);
        for (String field : List.of("asset_id", "public_id", "format", "version", "resource_type", "type",
                "created_at", "bytes", "width", "height", "url", "secure_url")) {
            assertTrue(entry.containsKey(field), field + " missing from " + entry);
        }
    }

    @Test
    void resourcesByIdsLeaveOutUnknownIds() throws Exception {
        uploadRaw("ids/a.txt");
        uploadRaw("ids/b.txt");
        ApiResponse found = fixture.api.resourcesByIds(List.of("ids/a.txt", "ids/nope.txt", "ids/b.txt"),
                options("resource_type", "raw"));
        assertEquals(Set.of("ids/a.txt", "ids/b.txt"),
                Set.copyOf(resources(found).stream().map(r -> (String) r.get("public_id")).toList()));
    }

    @Test
    void detailsOfOneAsset() throws Exception {
        uploadRaw("detail/a.txt", "x");
        ApiResponse detail = fixture.api.resource("detail/a.txt", options("resource_type", "raw"));
        assertEquals(List.of("x"), detail.get("tags"));
        assertNotNull(detail.get("etag"));
        NotFound missing = assertThrows(NotFound.class,
                () -> fixture.api.resource("detail/none.txt", options("resource_type", "raw")));
        assertEquals("Resource not found - detail/none.txt", missing.getMessage());
    }

    @Test
    void deleteByIdsReportsEachId() throws Exception {
        uploadRaw("del/a.txt");
        ApiResponse deleted = fixture.api.deleteResources(List.of("del/a.txt", "del/ghost.txt"),
                options("resource_type", "raw"));
        assertEquals(Map.of("del/a.txt", "deleted", "del/ghost.txt", "not_found"), deleted.get("deleted"));
        assertEquals(Boolean.FALSE, deleted.get("partial"));
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add("x" + i);
        }
        assertThrows(BadRequest.class, () -> fixture.api.deleteResources(tooMany, options("resource_type", "raw")));
    }

    @Test
    void deleteByPrefixAndTagStopAtOneThousandPerCall() throws Exception {
        for (int i = 0; i < 1_005; i++) {
            uploadRaw(String.format("bulk/%04d.txt", i), "mass");
        }
        uploadRaw("other/keep.txt", "mass");
        ApiResponse firstCall = fixture.api.deleteResourcesByPrefix("bulk/", options("resource_type", "raw"));
        assertEquals(1_000, ((Map<?, ?>) firstCall.get("deleted")).size());
        assertEquals(Boolean.TRUE, firstCall.get("partial"));
        assertNotNull(firstCall.get("next_cursor"));
        ApiResponse secondCall = fixture.api.deleteResourcesByPrefix("bulk/",
                options("resource_type", "raw", "next_cursor", firstCall.get("next_cursor")));
        assertEquals(5, ((Map<?, ?>) secondCall.get("deleted")).size());
        assertEquals(Boolean.FALSE, secondCall.get("partial"));
        assertNull(secondCall.get("next_cursor"));

        ApiResponse byTag = fixture.api.deleteResourcesByTag("mass", options("resource_type", "raw"));
        assertEquals(Map.of("other/keep.txt", "deleted"), byTag.get("deleted"));
        assertTrue(resources(fixture.api.resources(options("resource_type", "raw"))).isEmpty());
    }

    @Test
    void maxResultsAboveFiveHundredIsRefused() {
        assertThrows(BadRequest.class, () -> fixture.api.resources(options("max_results", 501)));
    }

    @Test
    void publicIdsWithSpecialCharactersInPaths() throws Exception {
        String id = "dir/a b;c,d@e(f)é.txt";
        uploadRaw(id);
        assertEquals(id, fixture.api.resource(id, options("resource_type", "raw")).get("public_id"));
        assertFalse(resources(fixture.api.resources(options("resource_type", "raw", "prefix", "dir/a b"))).isEmpty());
    }
}
