package io.quarkiverse.cloudinary.storage.emulator;

import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.cloudinary.api.ApiResponse;
import com.cloudinary.api.exceptions.BadRequest;
import com.cloudinary.api.exceptions.NotFound;

/**
 * The Admin API's folders through the official SDK, in fixed folder mode: folders made by public ids and by
 * {@code createFolder}, listed in pages, deleted only when empty, and gone (404) only once deleted.
 */
class FoldersConformanceTest {

    @RegisterExtension
    static final EmulatorFixture fixture = new EmulatorFixture();

    private static void uploadRaw(String publicId) throws Exception {
        fixture.uploader.upload(publicId.getBytes(), options("resource_type", "raw", "public_id", publicId));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> folders(ApiResponse response) {
        return (List<Map<String, Object>>) response.get("folders");
    }

    private static List<String> paths(ApiResponse response) {
        return folders(response).stream().map(f -> (String) f.get("path")).toList();
    }

    @Test
    void createdAndImplicitFoldersAreListedSortedWithTheirShape() throws Exception {
        ApiResponse created = fixture.api.createFolder("albums/2026", options());
        assertEquals(Boolean.TRUE, created.get("success"));
        assertEquals("albums/2026", created.get("path"));
        assertEquals("2026", created.get("name"));
        uploadRaw("photos/summer/beach.txt");
        fixture.uploader.upload(UploadApiConformanceTest.png(2, 2), options("public_id", "cards/front"));

        ApiResponse root = fixture.api.rootFolders(options());
        assertEquals(List.of("albums", "cards", "photos"), paths(root), "ancestors of created folders exist too");
        assertEquals(3, root.get("total_count"));
        Map<String, Object> albums = folders(root).get(0);
        assertEquals("albums", albums.get("name"));
        assertTrue(((String) albums.get("external_id")).matches("[0-9a-f]{32}"), albums.toString());

        assertEquals(List.of("albums/2026"), paths(fixture.api.subFolders("albums", options())));
        assertEquals(List.of("photos/summer"), paths(fixture.api.subFolders("photos", options())));
        assertEquals(List.of(), paths(fixture.api.subFolders("photos/summer", options())));
        assertEquals("summer", folders(fixture.api.subFolders("photos", options())).get(0).get("name"));
        assertEquals(Boolean.TRUE, fixture.api.createFolder("albums/2026", options()).get("success"),
                "creating an existing folder succeeds");
    }

    @Test
    void rootAndSubFoldersPageWithMaxResultsAndNextCursor() throws Exception {
        for (String name : List.of("d", "a", "c", "b", "e")) {
            fixture.api.createFolder("top/" + name, options());
            fixture.api.createFolder(name, options());
        }
        for (String parent : new String[] { null, "top" }) {
            List<String> seen = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            String cursor = null;
            do {
                Map<String, Object> page = options("max_results", 2);
                if (cursor != null) {
                    page.put("next_cursor", cursor);
                }
                ApiResponse response = parent == null ? fixture.api.rootFolders(page)
                        : fixture.api.subFolders(parent, page);
                seen.addAll(paths(response));
                sizes.add(folders(response).size());
                cursor = (String) response.get("next_cursor");
            } while (cursor != null);
            String prefix = parent == null ? "" : parent + "/";
            List<String> expected = new ArrayList<>(List.of("a", "b", "c", "d", "e")).stream().map(n -> prefix + n)
                    .toList();
            if (parent == null) {
                expected = new ArrayList<>(expected);
                expected.add("top");
            }
            assertEquals(expected, seen);
            assertEquals(parent == null ? List.of(2, 2, 2) : List.of(2, 2, 1), sizes);
        }
        for (int i = 0; i < 6; i++) {
            fixture.api.createFolder("z" + i, options());
        }
        ApiResponse firstTen = fixture.api.rootFolders(options());
        assertEquals(10, folders(firstTen).size(), "10 by default");
        assertEquals(12, firstTen.get("total_count"));
        assertThrows(BadRequest.class, () -> fixture.api.rootFolders(options("max_results", 501)));
    }

    @Test
    void subFoldersOfAMissingFolderAreNotFound() {
        NotFound missing = assertThrows(NotFound.class, () -> fixture.api.subFolders("nope", options()));
        assertEquals("Can't find folder with path nope", missing.getMessage());
    }

    @Test
    void onlyEmptyFoldersAreDeletedAndTheyAreGoneOnlyAfterwards() throws Exception {
        uploadRaw("full/inner/a.txt");
        BadRequest notEmpty = assertThrows(BadRequest.class, () -> fixture.api.deleteFolder("full", options()));
        assertEquals("Folder is not empty", notEmpty.getMessage());
        assertThrows(BadRequest.class, () -> fixture.api.deleteFolder("full/inner", options()));

        fixture.api.deleteResources(List.of("full/inner/a.txt"), options("resource_type", "raw"));
        assertEquals(List.of("full"), paths(fixture.api.rootFolders(options())),
                "a folder stays after its last asset is deleted");
        assertEquals(List.of("full/inner"), paths(fixture.api.subFolders("full", options())));

        ApiResponse deleted = fixture.api.deleteFolder("full", options());
        assertEquals(List.of("full", "full/inner"), deleted.get("deleted"), "with its empty subfolders");
        NotFound gone = assertThrows(NotFound.class, () -> fixture.api.deleteFolder("full", options()));
        assertEquals("Can't find folder with path full", gone.getMessage());
        assertThrows(NotFound.class, () -> fixture.api.subFolders("full", options()));
        assertEquals(List.of(), paths(fixture.api.rootFolders(options())));

        fixture.api.createFolder("empty", options());
        assertEquals(List.of("empty"), fixture.api.deleteFolder("empty", options()).get("deleted"));
        assertThrows(NotFound.class, () -> fixture.api.deleteFolder("never-existed", options()));
    }

    @Test
    void folderNamesThatNeedEncoding() throws Exception {
        ApiResponse spaced = fixture.api.createFolder("sub^folder test", options());
        assertEquals("sub^folder test", spaced.get("path"));
        fixture.api.createFolder("été/東京 2026", options());
        uploadRaw("dossier à/a+b.txt".replace("+", "_"));

        assertEquals(List.of("dossier à", "sub^folder test", "été"), paths(fixture.api.rootFolders(options())));
        ApiResponse sub = fixture.api.subFolders("été", options());
        assertEquals(List.of("été/東京 2026"), paths(sub));
        assertEquals("東京 2026", folders(sub).get(0).get("name"));
        assertEquals(List.of("été", "été/東京 2026"), fixture.api.deleteFolder("été", options()).get("deleted"));
        assertEquals(List.of("sub^folder test"), fixture.api.deleteFolder("sub^folder test", options())
                .get("deleted"));
        assertThrows(BadRequest.class, () -> fixture.api.deleteFolder("dossier à", options()));

        // every one of these is percent-encoded by the SDK on its way into the path, and decoded back
        String punctuated = "a (b), c=d; e@f!~$'*:g";
        assertEquals(punctuated, fixture.api.createFolder("tops/" + punctuated, options()).get("name"));
        uploadRaw("tops/" + punctuated + "/inside.txt");
        assertEquals(List.of("tops/" + punctuated), paths(fixture.api.subFolders("tops", options())));
        assertEquals(List.of("tops/" + punctuated + "/inside.txt"), ((List<?>) fixture.api.resources(options(
                "resource_type", "raw", "prefix", "tops/" + punctuated + "/")).get("resources")).stream()
                .map(r -> ((Map<?, ?>) r).get("public_id")).toList());
        assertEquals(List.of(), paths(fixture.api.subFolders("tops/" + punctuated, options())));
    }

    @Test
    void folderNamesFollowThePublicIdRules() throws Exception {
        for (char forbidden : "?&#\\%<>+".toCharArray()) {
            String name = "q" + forbidden + "a";
            BadRequest refused = assertThrows(BadRequest.class, () -> fixture.api.createFolder(name, options()),
                    name);
            assertEquals("Folder " + name + " is invalid: '" + forbidden + "' is not allowed", refused.getMessage());
        }
        BadRequest version = assertThrows(BadRequest.class, () -> fixture.api.createFolder("a/v12/b", options()));
        assertEquals("Folder a/v12/b is invalid: v12 reads as a version", version.getMessage());
        assertEquals(List.of(), paths(fixture.api.rootFolders(options())), "nothing was created");
    }

    @Test
    void foldersSurviveARestartOfADirectoryBackedEmulator(@TempDir Path dir) throws Exception {
        try (EmulatorFixture first = new EmulatorFixture(CloudinaryEmulator.builder().dataDirectory(dir))) {
            first.api.createFolder("made/by/hand", options());
            first.uploader.upload("x".getBytes(), options("resource_type", "raw", "public_id", "left/behind.txt"));
            first.uploader.destroy("left/behind.txt", options("resource_type", "raw"));
            first.api.createFolder("removed", options());
            first.api.deleteFolder("removed", options());
        }
        try (EmulatorFixture second = new EmulatorFixture(CloudinaryEmulator.builder().dataDirectory(dir))) {
            assertEquals(List.of("left", "made"), paths(second.api.rootFolders(options())));
            assertEquals(List.of("made/by/hand"), paths(second.api.subFolders("made/by", options())));
            assertNull(second.api.rootFolders(options()).get("next_cursor"));
        }
    }
}
