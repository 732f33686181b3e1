package io.quarkiverse.cloudinary.storage.emulator;

import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.options;
import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.png;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.cloudinary.api.ApiResponse;
import com.cloudinary.api.exceptions.BadRequest;

/**
 * Structured {@code context} metadata through the official SDK: set on upload and explicit, kept by rename and
 * overwrite rules, changed by the {@code context} action, shown by listings and found by the listing by context.
 */
class ContextConformanceTest {

    @RegisterExtension
    static final EmulatorFixture fixture = new EmulatorFixture();

    private static Map<String, Object> uploadRaw(String publicId, Object context, Object... more) throws Exception {
        Map<String, Object> options = options(more);
        options.put("resource_type", "raw");
        options.put("public_id", publicId);
        if (context != null) {
            options.put("context", context);
        }
        return cast(fixture.uploader.upload(publicId.getBytes(), options));
    }

    /** The pairs under {@code context.custom}, or {@code null} when the answer has no {@code context} key. */
    private static Map<String, Object> custom(Map<?, ?> asset) {
        Map<?, ?> context = (Map<?, ?>) asset.get("context");
        return context == null ? null : cast(context.get("custom"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> resources(ApiResponse response) {
        return (List<Map<String, Object>>) response.get("resources");
    }

    private static Map<String, Object> details(String publicId, Object... more) throws Exception {
        Map<String, Object> options = options(more);
        options.putIfAbsent("resource_type", "raw");
        return fixture.api.resource(publicId, options);
    }

    @Test
    void uploadStoresContextWithEscapedSeparatorsAndAnswersIt() throws Exception {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("caption", "a=b|c");
        given.put("alt", "Été \\ à Paris");
        Map<String, Object> uploaded = uploadRaw("u/escaped.txt", given);
        assertEquals(given, custom(uploaded));
        assertEquals(given, custom(details("u/escaped.txt")));

        // a context given as a string travels as it is: escapes in keys too
        Map<String, Object> raw = uploadRaw("u/raw-string.txt", "k\\=ey=v\\|w|plain=x");
        assertEquals(Map.of("k=ey", "v|w", "plain", "x"), custom(raw));

        Map<String, Object> none = uploadRaw("u/none.txt", null);
        assertFalse(none.containsKey("context"), "no context key without context: " + none);
        assertFalse(details("u/none.txt").containsKey("context"));
    }

    @Test
    void imageUploadAnswersContextToo() throws Exception {
        Map<?, ?> uploaded = fixture.uploader.upload(png(2, 2), options("public_id", "pic", "context",
                Map.of("alt", "a red dot")));
        assertEquals(Map.of("alt", "a red dot"), custom(uploaded));
    }

    @Test
    void existingAssetAnswersItsOwnContextAndOverwriteReplacesIt() throws Exception {
        uploadRaw("o/doc.txt", Map.of("version", "first"));
        Map<String, Object> existing = uploadRaw("o/doc.txt", Map.of("version", "second", "extra", "x"),
                "overwrite", false);
        assertEquals(Boolean.TRUE, existing.get("existing"));
        assertEquals(Map.of("version", "first"), custom(existing), "the stored asset's context, not the request's");
        assertEquals(Map.of("version", "first"), custom(details("o/doc.txt")));

        Map<String, Object> overwritten = uploadRaw("o/doc.txt", Map.of("version", "third"));
        assertEquals(Boolean.TRUE, overwritten.get("overwritten"));
        assertEquals(Map.of("version", "third"), custom(overwritten));

        Map<String, Object> withoutContext = uploadRaw("o/doc.txt", null);
        assertFalse(withoutContext.containsKey("context"), "a new upload's params apply: " + withoutContext);
        assertFalse(details("o/doc.txt").containsKey("context"));

        Map<String, Object> existingWithout = uploadRaw("o/doc.txt", Map.of("late", "1"), "overwrite", false);
        assertEquals(Boolean.TRUE, existingWithout.get("existing"));
        assertFalse(existingWithout.containsKey("context"), existingWithout.toString());
    }

    @Test
    void explicitReplacesTheWholeContext() throws Exception {
        uploadRaw("e/doc.txt", Map.of("a", "1", "b", "2"), "tags", "kept");
        Map<?, ?> unchanged = fixture.uploader.explicit("e/doc.txt", options("resource_type", "raw", "type", "upload"));
        assertEquals(Map.of("a", "1", "b", "2"), custom(unchanged), "explicit without context keeps it");

        Map<?, ?> replaced = fixture.uploader.explicit("e/doc.txt",
                options("resource_type", "raw", "type", "upload", "context", Map.of("c", "x=y")));
        assertEquals(Map.of("c", "x=y"), custom(replaced));
        Map<String, Object> stored = details("e/doc.txt");
        assertEquals(Map.of("c", "x=y"), custom(stored));
        assertEquals(List.of("kept"), stored.get("tags"), "tags stay when only context is given");
    }

    @Test
    void renameKeepsTheContextAndAnswersItWhenAsked() throws Exception {
        uploadRaw("r/from.txt", Map.of("owner", "ana"));
        Map<?, ?> renamed = fixture.uploader.rename("r/from.txt", "r/to.txt", options("resource_type", "raw"));
        assertEquals("r/to.txt", renamed.get("public_id"));
        assertFalse(renamed.containsKey("context"), "only with context=true: " + renamed);
        assertEquals(Map.of("owner", "ana"), custom(details("r/to.txt")));

        Map<?, ?> asked = fixture.uploader.rename("r/to.txt", "r/again.txt",
                options("resource_type", "raw", "context", true));
        assertEquals(Map.of("owner", "ana"), custom(asked));

        Map<?, ?> moved = fixture.uploader.rename("r/again.txt", "r/again.txt",
                options("resource_type", "raw", "to_type", "private", "context", true));
        assertEquals("private", moved.get("type"));
        assertEquals(Map.of("owner", "ana"), custom(details("r/again.txt", "type", "private")));
    }

    @Test
    void addContextMergesAndAnswersOnlyTheUpdatedIds() throws Exception {
        uploadRaw("c/a.txt", Map.of("x", "1", "y", "2"));
        uploadRaw("c/b.txt", null);
        Map<?, ?> answer = fixture.uploader.addContext(Map.of("y", "20", "z", "a|b"),
                new String[] { "c/a.txt", "c/missing.txt", "c/b.txt" }, options("resource_type", "raw"));
        assertEquals(List.of("c/a.txt", "c/b.txt"), answer.get("public_ids"));
        assertEquals(Map.of("x", "1", "y", "20", "z", "a|b"), custom(details("c/a.txt")));
        assertEquals(Map.of("y", "20", "z", "a|b"), custom(details("c/b.txt")));

        uploadRaw("c/private.txt", null, "type", "private");
        Map<?, ?> typed = fixture.uploader.addContext(Map.of("p", "1"), new String[] { "c/private.txt" },
                options("resource_type", "raw", "type", "private"));
        assertEquals(List.of("c/private.txt"), typed.get("public_ids"));
        assertEquals(Map.of("p", "1"), custom(details("c/private.txt", "type", "private")));
        assertEquals(2, fixture.control.requestCount("upload:context"));
    }

    @Test
    void removeAllContextLeavesNoContextKey() throws Exception {
        uploadRaw("rm/a.txt", Map.of("x", "1"), "tags", "t");
        Map<?, ?> answer = fixture.uploader.removeAllContext(new String[] { "rm/a.txt", "rm/ghost.txt" },
                options("resource_type", "raw"));
        assertEquals(List.of("rm/a.txt"), answer.get("public_ids"));
        Map<String, Object> stored = details("rm/a.txt");
        assertFalse(stored.containsKey("context"), stored.toString());
        assertEquals(List.of("t"), stored.get("tags"));
    }

    @Test
    void unknownContextCommandIsABadRequest() throws Exception {
        uploadRaw("bad/a.txt", null);
        Map<?, ?> withStatus = fixture.uploader.callApi("context", replaceCommand(),
                options("resource_type", "raw", "return_error", true), null);
        Map<?, ?> error = (Map<?, ?>) withStatus.get("error");
        assertEquals(400, error.get("http_code"));
        assertTrue(String.valueOf(error.get("message")).startsWith("Invalid command replace"), error.toString());
        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> fixture.uploader.callApi("context", replaceCommand(), options("resource_type", "raw"), null));
        assertTrue(thrown.getMessage().startsWith("Invalid command replace"), thrown.getMessage());
        assertFalse(details("bad/a.txt").containsKey("context"));
    }

    /** A command the context action does not know; a new map each time, as the SDK adds its signature to it. */
    private static Map<String, Object> replaceCommand() {
        return new HashMap<>(Map.of("command", "replace", "context", "a=1", "public_ids", List.of("bad/a.txt")));
    }

    @Test
    void prefixListingsCarryTagsAndContextWhenAsked() throws Exception {
        uploadRaw("p/both.txt", Map.of("k", "v"), "tags", "t1");
        uploadRaw("p/tags.txt", null, "tags", "t2");
        uploadRaw("p/neither.txt", null);
        uploadRaw("p/private.txt", Map.of("k", "private"), "type", "private", "tags", "t3");

        for (Map<String, Object> listing : List.of(options("type", "upload"), options())) {
            listing.putAll(options("resource_type", "raw", "prefix", "p/", "tags", true, "context", true));
            Map<String, Map<String, Object>> byId = new HashMap<>();
            resources(fixture.api.resources(listing)).forEach(r -> byId.put((String) r.get("public_id"), r));
            assertEquals(List.of("t1"), byId.get("p/both.txt").get("tags"));
            assertEquals(Map.of("k", "v"), custom(byId.get("p/both.txt")));
            assertEquals(List.of("t2"), byId.get("p/tags.txt").get("tags"));
            assertFalse(byId.get("p/tags.txt").containsKey("context"), byId.toString());
            assertEquals(List.of(), byId.get("p/neither.txt").get("tags"));
            assertFalse(byId.get("p/neither.txt").containsKey("context"), byId.toString());
            if (!listing.containsKey("type")) {
                assertEquals(Map.of("k", "private"), custom(byId.get("p/private.txt")));
                assertEquals(List.of("t3"), byId.get("p/private.txt").get("tags"));
            }
        }

        Map<String, Object> plain = resources(fixture.api.resources(options("resource_type", "raw", "type", "upload",
                "prefix", "p/both"))).get(0);
        assertFalse(plain.containsKey("tags") || plain.containsKey("context"), "not asked: " + plain);
    }

    @Test
    void tagAndIdListingsCarryContextWhenAsked() throws Exception {
        uploadRaw("t/a.txt", Map.of("k", "a"), "tags", "shared");
        uploadRaw("t/b.txt", null, "tags", "shared");

        Map<String, Map<String, Object>> byTag = new HashMap<>();
        resources(fixture.api.resourcesByTag("shared", options("resource_type", "raw", "context", true)))
                .forEach(r -> byTag.put((String) r.get("public_id"), r));
        assertEquals(Set.of("t/a.txt", "t/b.txt"), byTag.keySet());
        assertEquals(Map.of("k", "a"), custom(byTag.get("t/a.txt")));
        assertFalse(byTag.get("t/b.txt").containsKey("context"));
        assertFalse(resources(fixture.api.resourcesByTag("shared", options("resource_type", "raw"))).stream()
                .anyMatch(r -> r.containsKey("context")), "not asked");

        List<Map<String, Object>> byIds = resources(fixture.api.resourcesByIds(List.of("t/a.txt", "t/b.txt"),
                options("resource_type", "raw", "context", true, "tags", true)));
        assertEquals(2, byIds.size());
        assertEquals(Map.of("k", "a"), custom(byIds.get(0)));
        assertEquals(List.of("shared"), byIds.get(0).get("tags"));
        assertFalse(byIds.get(1).containsKey("context"));
    }

    @Test
    void listingByContextKeyAndValuePagesWithoutRepeatsOrGaps() throws Exception {
        Set<String> summer = new HashSet<>();
        Set<String> winter = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            uploadRaw("album/s" + i + ".txt", Map.of("season", "summer"), "tags", "holiday");
            summer.add("upload:album/s" + i + ".txt");
        }
        // the same public id in two delivery types: both listed, neither lost at a page boundary
        uploadRaw("album/s0.txt", Map.of("season", "summer"), "type", "private");
        summer.add("private:album/s0.txt");
        for (int i = 0; i < 3; i++) {
            uploadRaw("album/w" + i + ".txt", Map.of("season", "winter", "cold", "yes"));
            winter.add("upload:album/w" + i + ".txt");
        }
        uploadRaw("album/nokey.txt", Map.of("other", "summer"));
        uploadRaw("album/plain.txt", null);
        fixture.uploader.upload(png(1, 1), options("public_id", "album/image", "context", Map.of("season", "summer")));

        Set<String> all = new HashSet<>(summer);
        all.addAll(winter);
        assertEquals(all, pageThrough(null, 2, 4));
        assertEquals(summer, pageThrough("summer", 2, 3));
        // one per page: a boundary between the two album/s0.txt, whatever their order
        assertEquals(summer, pageThrough("summer", 1, 5));
        assertEquals(winter, pageThrough("winter", 2, 2));
        assertEquals(Set.of(), pageThrough("autumn", 2, 1));
        assertEquals(15, fixture.control.requestCount("admin:resources:by-context"),
                "counted as the listing by context, not as a listing of delivery type \"context\"");

        ApiResponse first = fixture.api.resourcesByContext("season", "winter",
                options("resource_type", "raw", "tags", true, "context", true, "max_results", 500));
        for (Map<String, Object> entry : resources(first)) {
            assertEquals(Map.of("season", "winter", "cold", "yes"), custom(entry));
            assertEquals(List.of(), entry.get("tags"));
            assertEquals("upload", entry.get("type"));
        }
        assertNull(first.get("next_cursor"));
        Map<String, Object> bare = resources(fixture.api.resourcesByContext("cold",
                options("resource_type", "raw"))).get(0);
        assertFalse(bare.containsKey("context") || bare.containsKey("tags"), "not asked: " + bare);

        List<String> newestFirst = ids(fixture.api.resourcesByContext("season",
                options("resource_type", "raw", "max_results", 500)));
        List<String> oldestFirst = ids(fixture.api.resourcesByContext("season",
                options("resource_type", "raw", "max_results", 500, "direction", "asc")));
        List<String> reversed = new ArrayList<>(oldestFirst);
        java.util.Collections.reverse(reversed);
        assertEquals(newestFirst, reversed);

        assertEquals(List.of("upload:album/image"), ids(fixture.api.resourcesByContext("season", "summer", options())),
                "the resource type defaults to image");
    }

    /**
     * The orphan reconciliation keeps a listing's cursor for hours, across runs, while files come and go: the cursor
     * names the last file listed, not an offset, so a resumed listing lists every file that was there all along exactly
     * once, whatever was deleted before or after the cursor; files uploaded since are newer, so they come before it
     * and wait for the next pass. A cursor the listing never gave is refused, as Cloudinary refuses one it no longer
     * knows.
     */
    @Test
    void aListingResumedLaterNeitherSkipsNorRepeatsWhileFilesComeAndGo() throws Exception {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = String.format("resume/%02d.txt", i);
            uploadRaw(id, "pass=one");
            all.add(id);
        }
        // an hour older than anything uploaded from here on
        fixture.control.backdate("resume/", java.time.Duration.ofHours(1));

        ApiResponse first = fixture.api.resourcesByContext("pass", "one",
                options("resource_type", "raw", "max_results", 5));
        List<String> listed = new ArrayList<>(resources(first).stream().map(r -> (String) r.get("public_id")).toList());
        assertEquals(5, listed.size());
        String cursor = (String) first.get("next_cursor");
        List<String> unlisted = all.stream().filter(id -> !listed.contains(id)).sorted().toList();

        fixture.api.deleteResources(List.of(listed.get(0), unlisted.get(0), unlisted.get(3)),
                options("resource_type", "raw"));
        for (int i = 0; i < 3; i++) {
            uploadRaw("resume/new-" + i + ".txt", "pass=one");
        }

        List<String> rest = new ArrayList<>();
        while (cursor != null) {
            ApiResponse page = fixture.api.resourcesByContext("pass", "one",
                    options("resource_type", "raw", "max_results", 5, "next_cursor", cursor));
            resources(page).forEach(r -> rest.add((String) r.get("public_id")));
            cursor = (String) page.get("next_cursor");
        }
        Set<String> expected = new HashSet<>(unlisted);
        expected.remove(unlisted.get(0));
        expected.remove(unlisted.get(3));
        assertEquals(expected.size(), rest.size(), "nothing repeated: " + rest);
        assertEquals(expected, new HashSet<>(rest), "nothing skipped, nothing new");

        assertThrows(BadRequest.class, () -> fixture.api.resourcesByContext("pass", "one",
                options("resource_type", "raw", "next_cursor", "expired-cursor")));
    }

    /** Lists by context page after page, checking every entry is new, and that it took the expected pages. */
    private static Set<String> pageThrough(String value, int maxResults, int expectedPages) throws Exception {
        Set<String> seen = new HashSet<>();
        int pages = 0;
        String cursor = null;
        do {
            Map<String, Object> options = options("resource_type", "raw", "max_results", maxResults);
            if (cursor != null) {
                options.put("next_cursor", cursor);
            }
            ApiResponse page = value == null ? fixture.api.resourcesByContext("season", options)
                    : fixture.api.resourcesByContext("season", value, options);
            pages++;
            assertTrue(resources(page).size() <= maxResults);
            for (String id : ids(page)) {
                assertTrue(seen.add(id), "repeated " + id);
            }
            cursor = (String) page.get("next_cursor");
        } while (cursor != null);
        assertEquals(expectedPages, pages, "pages for " + value);
        return seen;
    }

    private static List<String> ids(ApiResponse response) {
        return resources(response).stream().map(r -> r.get("type") + ":" + r.get("public_id")).toList();
    }

    @Test
    void listingByContextWithoutKeyIsABadRequest() {
        BadRequest missing = assertThrows(BadRequest.class,
                () -> fixture.api.resourcesByContext("", options("resource_type", "raw")));
        assertEquals("Missing required parameter - key", missing.getMessage());
    }

    @Test
    void anAssetNamedContextIsStillAnAsset() throws Exception {
        uploadRaw("context", Map.of("k", "v"));
        assertEquals(Map.of("k", "v"), custom(details("context")));
        assertEquals(List.of("upload:context"), ids(fixture.api.resourcesByContext("k",
                options("resource_type", "raw"))));
        assertEquals(1, resources(fixture.api.resources(options("resource_type", "raw", "type", "upload"))).size());
    }

    @Test
    void contextSurvivesARestartOfADirectoryBackedEmulator(@TempDir Path dir) throws Exception {
        Map<String, String> tricky = new LinkedHashMap<>();
        tricky.put("trailing", "ends with \\");
        tricky.put("separators", "a=b|c,d:e");
        tricky.put("lines", "one\ntwo");
        tricky.put("empty", "");
        tricky.put("unicode", "été 東京");
        try (EmulatorFixture first = new EmulatorFixture(CloudinaryEmulator.builder().dataDirectory(dir))) {
            // on the wire a value ending in a backslash can only come last: before a '|' it would escape it
            first.uploader.upload("x".getBytes(), options("resource_type", "raw", "public_id", "kept.txt",
                    "context", "separators=a\\=b\\|c,d:e|lines=one\ntwo|empty=|unicode=été 東京|trailing=ends with \\"));
            first.uploader.addContext(Map.of("added", "later"), new String[] { "kept.txt" },
                    options("resource_type", "raw"));
            first.uploader.upload("y".getBytes(), options("resource_type", "raw", "public_id", "cleared.txt",
                    "context", Map.of("gone", "soon")));
            first.uploader.removeAllContext(new String[] { "cleared.txt" }, options("resource_type", "raw"));
        }
        tricky.put("added", "later");
        try (EmulatorFixture second = new EmulatorFixture(CloudinaryEmulator.builder().dataDirectory(dir))) {
            assertEquals(tricky, custom(second.api.resource("kept.txt", options("resource_type", "raw"))));
            assertFalse(second.api.resource("cleared.txt", options("resource_type", "raw")).containsKey("context"));
            assertEquals(1, resources(second.api.resourcesByContext("added", options("resource_type", "raw"))).size());
        }
    }
}
