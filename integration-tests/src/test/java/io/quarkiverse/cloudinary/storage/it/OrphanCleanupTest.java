package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.cloudinary.Cloudinary;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFiles;
import io.quarkiverse.cloudinary.storage.media.MediaName;
import io.quarkiverse.cloudinary.storage.orphans.CleanupAlreadyRunningException;
import io.quarkiverse.cloudinary.storage.orphans.OrphanCleanup;
import io.quarkiverse.cloudinary.storage.orphans.OrphanReport;
import io.quarkiverse.cloudinary.storage.orphans.OrphanedResource;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Orphan cleanup on the emulator and the demo database: what is kept (referenced through plain, embedded and collection
 * attributes, excluded, young), what is deleted, how many Admin API calls it takes, and how it ends when Cloudinary
 * fails.
 */
@QuarkusTest
@TestProfile(WithoutDeleteGuard.class)
class OrphanCleanupTest {

    private static final Duration OLD = Duration.ofHours(2);

    @Inject
    OrphanCleanup cleanup;

    @Inject
    CloudinaryFiles files;

    @Inject
    Cloudinary cloudinary;

    @Inject
    CloudinaryOperations operations;

    @Inject
    StorageOwner owner;

    EmulatorControlClient emulator;

    @BeforeEach
    void freshAccountAndTables() {
        emulator = Emulator.reset(operations);
        MediaAccount.clearRows();
    }

    @AfterEach
    void noRowsLeft() {
        MediaAccount.clearRows();
    }

    /** An item whose image is a PNG stored under a {@code .jpg} name, and a document; all committed. */
    private MediaItem committedItem() {
        return QuarkusTransaction.requiringNew().call(() -> {
            MediaItem item = new MediaItem();
            item.title = "kept";
            files.store(item, "image", "photo.jpg", new ByteArrayInputStream(PictureResourceTest.png(20, 10)));
            files.store(item, "document", "brief.pdf", new ByteArrayInputStream(Samples.text("%PDF-1.4 brief")));
            item.persist();
            return item;
        });
    }

    private Album committedAlbum() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Album album = new Album();
            album.title = "holidays";
            files.store(album, "photos", "beach.png", new ByteArrayInputStream(PictureResourceTest.png(12, 12)));
            files.store(album, "photos", "Hills.PNG", new ByteArrayInputStream(PictureResourceTest.png(13, 12)));
            files.store(album, "cover.image", "cover", new ByteArrayInputStream(PictureResourceTest.png(14, 12)));
            album.persist();
            return album;
        });
    }

    private long untagged() {
        try {
            return ((List<?>) cloudinary.api().resources(Map.of("resource_type", "image", "type", "upload", "prefix",
                    "elsewhere/", "max_results", 500)).get("resources")).size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Set<String> all(CloudinaryResourceType type) {
        return MediaAccount.media(cloudinary, type).keySet();
    }

    @Test
    void dryRunNamesWhatWouldGoAndDeletesNothing() {
        committedItem();
        emulator.seed("image", "media/items/images/gone-", ".png", 3, 100, "media", OLD, owner.context());
        emulator.seed("raw", "media/items/documents/gone-", ".txt", 2, 40, "media", OLD, owner.context());
        emulator.backdate("", OLD);

        OrphanReport report = cleanup.findOrphans();

        assertTrue(report.dryRun());
        assertEquals(7, report.scanned());
        assertEquals(2, report.referenced());
        assertEquals(5, report.deleted(), "would be deleted");
        assertEquals(3 * 100 + 2 * 40, report.orphanBytes());
        assertEquals(Set.of("media/items/images/gone-0", "media/items/images/gone-1", "media/items/images/gone-2",
                "media/items/documents/gone-0.txt", "media/items/documents/gone-1.txt"),
                report.orphans().stream().map(OrphanedResource::publicId).collect(Collectors.toSet()));
        OrphanedResource image = report.orphans().stream().filter(o -> o.resourceType() == CloudinaryResourceType.IMAGE)
                .findFirst().orElseThrow();
        assertTrue(image.url().contains("/image/upload/") && image.url().endsWith(image.publicId() + ".png"), image.url());
        assertTrue(report.complete());
        assertTrue(report.stoppedBecause().isEmpty());
        assertEquals(0, emulator.requestCount("admin:resources:delete"));
        assertEquals(4, all(CloudinaryResourceType.IMAGE).size(), "nothing deleted");
        assertEquals(report, cleanup.lastReport().orElseThrow());
    }

    @Test
    void deletesOnlyOldUnreferencedFilesOutsideExcludedPaths() {
        committedItem();
        committedAlbum();
        emulator.seed("raw", "media/old/", ".txt", 250, 10, "media", OLD, owner.context());
        emulator.seed("raw", "media/keep/", ".txt", 2, 10, "media", OLD, owner.context());
        emulator.seed("image", "media/young/", ".png", 1, 10, "media", Duration.ZERO, owner.context());
        emulator.seed("image", "elsewhere/", ".png", 4, 10, "not-media", OLD);
        emulator.backdate("media/items/", OLD);
        emulator.backdate("media/albums/", OLD);
        emulator.resetRequestCounts();

        OrphanReport report = cleanup.deleteOrphans();

        assertFalse(report.dryRun());
        assertEquals(250 + 2 + 1 + 5, report.scanned());
        assertEquals(5, report.referenced(), "image, document, two photos, cover");
        assertEquals(2, report.excluded());
        assertEquals(1, report.tooYoung());
        assertEquals(250, report.deleted());
        assertEquals(2_500, report.orphanBytes());
        assertEquals(0, report.failed());
        assertTrue(report.complete(), report.toString());
        // the leases of running builds, image, raw and video listings of one page each, then for each batch of 100,
        // 100 and 50 ids a check and a delete
        assertEquals(1, emulator.requestCount("admin:resources:list"));
        assertEquals(3, emulator.requestCount("admin:resources:by-context"));
        assertEquals(3, emulator.requestCount("admin:resources:by-ids"));
        assertEquals(3, emulator.requestCount("admin:resources:delete"));
        assertEquals(10, report.requests());

        Set<String> left = new HashSet<>(all(CloudinaryResourceType.RAW));
        left.addAll(all(CloudinaryResourceType.IMAGE));
        assertEquals(Set.of("media/items/images/photo", "media/items/documents/brief.pdf", "media/albums/photos/beach",
                "media/albums/photos/Hills", "media/albums/covers/cover", "media/keep/0.txt", "media/keep/1.txt",
                "media/young/0"), left);
        assertEquals(4, untagged(), "files without the media tag are not media files");
    }

    @Test
    void aBatchThatKeepsFailingIsReportedAndTheNextRunDeletesIt() {
        emulator.seed("raw", "media/old/", ".txt", 150, 10, "media", OLD, owner.context());
        // the first delete call and its three retries
        emulator.fault("admin:resources:delete", 500, 4);

        OrphanReport failing = cleanup.deleteOrphans();

        assertEquals(150, failing.scanned());
        assertEquals(100, failing.failed());
        assertEquals(50, failing.deleted());
        assertTrue(failing.complete(), "every file was decided: " + failing);
        assertEquals(100, all(CloudinaryResourceType.RAW).size());

        OrphanReport next = cleanup.deleteOrphans();
        assertEquals(100, next.deleted());
        assertEquals(0, next.failed());
        assertTrue(all(CloudinaryResourceType.RAW).isEmpty());
    }

    @Test
    void rateLimitedMidRunStopsAndSaysWhatIsLeft() {
        MediaItem item = committedItem();
        emulator.backdate("", OLD);
        emulator.seed("raw", "media/old/", ".txt", 1_200, 10, "media", OLD, owner.context());
        emulator.rateLimit(5_000, 4_000, Duration.ofHours(1));
        emulator.fault("admin:resources:delete", 420, 1);

        OrphanReport stopped = cleanup.deleteOrphans();

        assertFalse(stopped.complete());
        String reason = stopped.stoppedBecause().orElseThrow();
        assertTrue(reason.contains("rate limited") && reason.contains("left for the next run: 1200 orphans found"),
                reason);
        assertEquals(0, stopped.deleted());
        assertEquals(1, emulator.requestCount("admin:resources:delete"), "no retry against a long rate limit");
        assertEquals(1_201, all(CloudinaryResourceType.RAW).size());

        OrphanReport resumed = cleanup.deleteOrphans();
        assertTrue(resumed.complete(), resumed.toString());
        assertEquals(1_200, resumed.deleted());
        assertEquals(Set.of(item.document), all(CloudinaryResourceType.RAW));
        assertEquals(Set.of(MediaName.publicId(CloudinaryResourceType.IMAGE, item.image)), all(CloudinaryResourceType.IMAGE));
    }

    @Test
    void stopsBeforeTheBudgetRunsOut() {
        emulator.seed("raw", "media/old/", ".txt", 1_000, 10, "media", OLD, owner.context());
        // 29 calls left, 20 of them kept for the application
        emulator.rateLimit(500, 29, Duration.ofHours(1));

        OrphanReport stopped = cleanup.deleteOrphans();

        assertFalse(stopped.complete());
        assertTrue(stopped.stoppedBecause().orElseThrow().contains("Admin API calls are left"), stopped.toString());
        // the leases, image listing, two raw pages, video listing, then the check and delete of two batches of 100: 20
        // calls left
        assertEquals(9, stopped.requests(), stopped.toString());
        assertEquals(200, stopped.deleted());
        assertEquals(20, operations.rateLimit().orElseThrow().remaining(), "the reserve is left untouched");
        assertEquals(800, all(CloudinaryResourceType.RAW).size());
    }

    @Test
    void aDroppedListingIsRetriedAndAListingThatKeepsDroppingEndsTheRun() {
        MediaItem item = committedItem();
        emulator.backdate("", OLD);
        emulator.seed("raw", "media/old/", ".txt", 120, 10, "media", OLD, owner.context());

        emulator.disconnect("admin:resources:by-context", 4);
        OrphanReport ended = cleanup.deleteOrphans();
        assertFalse(ended.complete());
        assertTrue(ended.stoppedBecause().orElseThrow().contains("listing image files failed"), ended.toString());
        assertEquals(0, ended.scanned());
        assertEquals(0, ended.deleted());
        assertEquals(1 + 4, ended.requests(), "the leases, then the image listing and its three retries");
        assertEquals(121, all(CloudinaryResourceType.RAW).size());

        emulator.disconnect("admin:resources:by-context", 1);
        OrphanReport retried = cleanup.deleteOrphans();
        assertTrue(retried.complete(), retried.toString());
        assertEquals(120, retried.deleted());
        assertEquals(Set.of(item.document), all(CloudinaryResourceType.RAW));
    }

    @Test
    void aSecondRunIsRefusedWhileOneIsInProgress() throws Exception {
        emulator.latency("admin:resources:by-context", Duration.ofMillis(1_500));
        CompletableFuture<OrphanReport> first = CompletableFuture.supplyAsync(cleanup::findOrphans);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!cleanup.running() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(cleanup.running());
        CleanupAlreadyRunningException refused = assertThrows(CleanupAlreadyRunningException.class,
                cleanup::deleteOrphans);
        assertTrue(refused.getMessage().contains("already running"), refused.getMessage());
        assertTrue(first.get().complete());
        assertFalse(cleanup.running());
        assertEquals(first.get(), cleanup.lastReport().orElseThrow());
        assertEquals(List.of(), first.get().orphans());
    }

    @Test
    void theDemoEndpointsPreviewAndDelete() {
        committedItem();
        emulator.backdate("", OLD);
        emulator.seed("raw", "media/stray/", ".txt", 3, 10, "media", OLD, owner.context());

        given().get("/orphans").then().statusCode(200)
                .body("dryRun", equalTo(true))
                .body("deleted", equalTo(3))
                .body("orphans.publicId", hasItems("media/stray/0.txt", "media/stray/1.txt", "media/stray/2.txt"))
                .body("complete", equalTo(true));
        given().post("/orphans").then().statusCode(200)
                .body("dryRun", equalTo(false))
                .body("deleted", equalTo(3))
                .body("referenced", equalTo(2));
        assertEquals(1, all(CloudinaryResourceType.RAW).size());
    }
}
