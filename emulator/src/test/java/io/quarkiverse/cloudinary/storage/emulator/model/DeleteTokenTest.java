package io.quarkiverse.cloudinary.storage.emulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkiverse.cloudinary.storage.emulator.store.MemoryBlobStore;

/** A delete token works for ten minutes after its upload, and not after. */
class DeleteTokenTest {

    @Test
    void aTokenOlderThanTenMinutesIsRefusedAndTheAssetStays() throws Exception {
        ResourceRepository repository = new ResourceRepository(Optional.empty());
        MemoryBlobStore blobs = new MemoryBlobStore();
        AssetService assets = new AssetService(repository, blobs, AssetService.Limits.FREE_PLAN);
        Instant start = Instant.parse("2026-01-01T10:00:00Z");
        assets.clock(Clock.fixed(start, ZoneOffset.UTC));
        Params params = Params.empty();
        params.add("public_id", "doomed.txt");
        params.add("return_delete_token", "true");
        String late = assets.upload("demo", "raw", params, blobs.write(new ByteArrayInputStream(new byte[] { 1 })),
                "doomed.txt").deleteToken();
        params = Params.empty();
        params.add("public_id", "quick.txt");
        params.add("return_delete_token", "true");
        String quick = assets.upload("demo", "raw", params, blobs.write(new ByteArrayInputStream(new byte[] { 2 })),
                "quick.txt").deleteToken();

        assets.clock(Clock.fixed(start.plus(Duration.ofMinutes(10)), ZoneOffset.UTC));
        assertTrue(assets.deleteByToken("demo", quick), "exactly ten minutes later still works");
        assets.clock(Clock.fixed(start.plus(Duration.ofMinutes(10)).plusSeconds(1), ZoneOffset.UTC));
        ApiError stale = assertThrows(ApiError.class, () -> assets.deleteByToken("demo", late));
        assertEquals(401, stale.status());
        assertTrue(stale.getMessage().startsWith("Stale token"), stale.getMessage());
        assertTrue(repository.find(new AssetKey("demo", "raw", "upload", "doomed.txt")).isPresent());
        assertThrows(ApiError.class, () -> assets.deleteByToken("demo", late), "and it is spent");
    }
}
