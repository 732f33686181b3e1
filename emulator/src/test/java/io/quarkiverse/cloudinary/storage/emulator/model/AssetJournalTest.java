package io.quarkiverse.cloudinary.storage.emulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a directory-backed emulator finds again after a restart. */
class AssetJournalTest {

    private static Asset asset(String publicId, Map<String, String> context) {
        return new Asset("demo", "raw", "upload", publicId, null, 1_700_000_000L, "a".repeat(32), "b".repeat(32), 3,
                null, null, "c".repeat(32), Instant.ofEpochSecond(1_700_000_000L), List.of("t"), context, "orig",
                "blob-" + publicId);
    }

    @Test
    void contextIsReplayedExactlyAndInOrder(@TempDir Path dir) {
        Path file = dir.resolve("assets.journal");
        Map<String, String> context = new LinkedHashMap<>();
        context.put("z", "ends with \\");
        context.put("a", "a=b|c,d:e");
        context.put("lines", "one\ntwo");
        context.put("empty", "");
        context.put("é", "東京");
        ResourceRepository first = new ResourceRepository(Optional.of(file));
        first.put(asset("kept.txt", context));
        first.put(asset("plain.txt", Map.of()));
        first.update(new AssetKey("demo", "raw", "upload", "plain.txt"), a -> a.withContext(Map.of("k", "v")));
        first.close();

        ResourceRepository second = new ResourceRepository(Optional.of(file));
        Asset kept = second.find(new AssetKey("demo", "raw", "upload", "kept.txt")).orElseThrow();
        assertEquals(asset("kept.txt", context), kept);
        assertEquals(List.copyOf(context.keySet()), List.copyOf(kept.context().keySet()));
        assertEquals(Map.of("k", "v"), second.find(new AssetKey("demo", "raw", "upload", "plain.txt")).orElseThrow()
                .context());
        second.close();
    }

    @Test
    void metadataAccessModeDerivedVersionsFoldersAndFieldsAreReplayed(@TempDir Path dir) {
        Path file = dir.resolve("assets.journal");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("caption", "a,b:c");
        metadata.put("count", 42L);
        metadata.put("sizes", List.of("s", "m,l"));
        metadata.put("empty-set", List.of());
        List<Derived> derived = List.of(new Derived("d".repeat(32), "c_scale,w_10/jpg", "jpg", 120, 10, 8));
        Asset full = new Asset("demo", "image", "upload", "dir/sub/pic", "png", 1_700_000_000L, "a".repeat(32),
                "b".repeat(32), 3, 20, 16, "c".repeat(32), Instant.ofEpochSecond(1_700_000_000L), List.of("z", "a"),
                Map.of(), "orig", "blob", metadata, "authenticated", derived);
        ResourceRepository first = new ResourceRepository(Optional.of(file));
        first.put(full);
        first.createFolder("demo", "made/here");
        first.put(asset("gone/x.txt", Map.of()));
        first.remove(new AssetKey("demo", "raw", "upload", "gone/x.txt"));
        first.createFolder("demo", "deleted");
        first.removeFolder("demo", "deleted");
        first.addMetadataField("demo", MetadataDefinition.fromRequest(Map.of("type", "set", "label", "Sizes",
                "external_id", "sizes", "datasource", Map.of("values", List.of(Map.of("value", "Small")))), "x"));
        first.close();

        for (int restart = 0; restart < 2; restart++) {
            // the second time from the compacted journal the first start wrote
            ResourceRepository again = new ResourceRepository(Optional.of(file));
            Asset replayed = again.find(AssetKey.of(full)).orElseThrow();
            assertEquals(full, replayed);
            assertEquals(List.of("a", "z"), replayed.tags());
            assertEquals(List.of("dir", "dir/sub", "gone", "made", "made/here"), again.folders("demo"),
                    "folders outlive their assets, not their deletion");
            MetadataDefinition sizes = again.metadataField("demo", "sizes").orElseThrow();
            assertEquals("Small", sizes.datasource().get(0).value());
            again.close();
        }
    }

    @Test
    void journalsWrittenBeforeContextExistedStillReplay(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("assets.journal");
        // the sixteen fields of a "put" line from before context was journaled
        String line = "put " + Stream.of("demo", "raw", "upload", "old.txt", null, "1700000000", "a".repeat(32),
                "b".repeat(32), "3", null, null, "c".repeat(32), "1700000000", "t", "orig", "blob-old")
                .map(AssetJournalTest::field).collect(Collectors.joining(" "));
        Files.writeString(file, line + "\n");
        ResourceRepository repository = new ResourceRepository(Optional.of(file));
        Asset old = repository.find(new AssetKey("demo", "raw", "upload", "old.txt")).orElseThrow();
        assertTrue(old.context().isEmpty());
        assertEquals(List.of("t"), old.tags());
        repository.close();
    }

    private static String field(String value) {
        return value == null ? "-"
                : Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
