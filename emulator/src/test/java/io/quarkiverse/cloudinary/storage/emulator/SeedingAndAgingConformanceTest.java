package io.quarkiverse.cloudinary.storage.emulator;

import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.cloudinary.api.ApiResponse;
import com.cloudinary.api.exceptions.BadRequest;

/**
 * The controls that build large, old accounts quickly (seed, backdate), and the Admin API calls orphan cleanup relies
 * on, seen through the official SDK: tag listings in pages of 500, deletes of at most 100 ids, a budget that shrinks by
 * one per call.
 */
class SeedingAndAgingConformanceTest {

    @RegisterExtension
    static final EmulatorFixture fixture = new EmulatorFixture();

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> resources(ApiResponse response) {
        return (List<Map<String, Object>>) response.get("resources");
    }

    @Test
    void seededAssetsAreListedByTagInPagesOfFiveHundredWithTheirAge() throws Exception {
        fixture.control.seed("raw", "old/", ".txt", 1_203, 10, "media", Duration.ofHours(2));
        fixture.control.seed("image", "pics/", ".jpg", 3, 10, "other", Duration.ZERO);
        Set<String> seen = new HashSet<>();
        List<Integer> pageSizes = new ArrayList<>();
        List<Long> remaining = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = options("resource_type", "raw", "max_results", 500);
            if (cursor != null) {
                page.put("next_cursor", cursor);
            }
            ApiResponse response = fixture.api.resourcesByTag("media", page);
            remaining.add(response.apiRateLimit().getRemaining());
            pageSizes.add(resources(response).size());
            for (Map<String, Object> r : resources(response)) {
                assertTrue(seen.add((String) r.get("public_id")), "repeated " + r);
                Instant created = Instant.parse((String) r.get("created_at"));
                Duration age = Duration.between(created, Instant.now());
                assertTrue(age.compareTo(Duration.ofMinutes(119)) > 0 && age.compareTo(Duration.ofMinutes(121)) < 0,
                        "created two hours ago: " + r);
                assertEquals(10, ((Number) r.get("bytes")).intValue());
            }
            cursor = (String) response.get("next_cursor");
        } while (cursor != null);
        assertEquals(List.of(500, 500, 203), pageSizes);
        assertEquals(List.of(499L, 498L, 497L), remaining, "each Admin call spends one");
        assertTrue(seen.contains("old/0000.txt") && seen.contains("old/1202.txt"), "raw ids keep the suffix");

        ApiResponse image = fixture.api.resource("pics/0", options("resource_type", "image"));
        assertEquals("jpg", image.get("format"), "an image's suffix becomes its format");
        assertEquals(List.of("other"), image.get("tags"));
    }

    @Test
    void backdateMovesOnlyMatchingAssets() throws Exception {
        fixture.control.seed("raw", "a/", ".txt", 2, 1, "media", Duration.ZERO);
        fixture.control.seed("raw", "b/", ".txt", 2, 1, "media", Duration.ZERO);
        assertEquals(2, fixture.control.backdate("a/", Duration.ofDays(1)));
        for (Map<String, Object> r : resources(fixture.api.resourcesByTag("media", options("resource_type", "raw")))) {
            Duration age = Duration.between(Instant.parse((String) r.get("created_at")), Instant.now());
            boolean moved = ((String) r.get("public_id")).startsWith("a/");
            assertEquals(moved, age.compareTo(Duration.ofHours(23)) > 0, r.toString());
        }
        assertEquals(4, fixture.control.backdate("", Duration.ofSeconds(1)));
    }

    @Test
    void deletesTakeAtMostOneHundredIdsPerCall() throws Exception {
        fixture.control.seed("raw", "d/", ".bin", 150, 1, "media", Duration.ZERO);
        List<String> ids = IntStream.range(0, 150).mapToObj(i -> String.format("d/%03d.bin", i)).toList();
        assertThrows(BadRequest.class, () -> fixture.api.deleteResources(ids, options("resource_type", "raw")));

        ApiResponse deleted = fixture.api.deleteResources(ids.subList(0, 100), options("resource_type", "raw"));
        Map<?, ?> results = (Map<?, ?>) deleted.get("deleted");
        assertEquals(100, results.size());
        assertTrue(results.values().stream().allMatch("deleted"::equals), results.toString());
        ApiResponse again = fixture.api.deleteResources(List.of("d/000.bin", "d/149.bin"),
                options("resource_type", "raw"));
        assertEquals(Map.of("d/000.bin", "not_found", "d/149.bin", "deleted"), again.get("deleted"));
        assertNull(fixture.api.resourcesByTag("media", options("resource_type", "raw", "max_results", 500))
                .get("next_cursor"));
        assertEquals(49, resources(fixture.api.resourcesByTag("media", options("resource_type", "raw",
                "max_results", 500))).size());
    }
}
