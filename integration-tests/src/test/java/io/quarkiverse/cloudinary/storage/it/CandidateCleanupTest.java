package io.quarkiverse.cloudinary.storage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.cloudinary.Cloudinary;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFiles;
import io.quarkiverse.cloudinary.storage.orphans.CandidateCleanup;
import io.quarkiverse.cloudinary.storage.orphans.CandidateReport;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The candidate cleanup on the emulator and the demo database: what committed changes record, what a run deletes, and
 * that a day-to-day run spends no listing and no Admin API call.
 */
@QuarkusTest
class CandidateCleanupTest {

    @Inject
    CandidateCleanup cleanup;

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
        Journal.clear();
    }

    @AfterEach
    void noRowsLeft() {
        MediaAccount.clearRows();
        Journal.clear();
    }

    private MediaItem committedItem(String imageName) {
        return QuarkusTransaction.requiringNew().call(() -> {
            MediaItem item = new MediaItem();
            item.title = "item";
            files.store(item, "image", imageName, new ByteArrayInputStream(PictureResourceTest.png(20, 10)));
            files.store(item, "document", "brief.pdf", new ByteArrayInputStream(Samples.text("%PDF-1.4 brief")));
            item.persist();
            return item;
        });
    }

    private String replaceImage(long id, String fileName) {
        return QuarkusTransaction.requiringNew().call(() -> {
            MediaItem item = MediaItem.findById(id);
            return files.store(item, "image", fileName, new ByteArrayInputStream(PictureResourceTest.png(21, 10)));
        });
    }

    private Set<String> images() {
        return MediaAccount.media(cloudinary, CloudinaryResourceType.IMAGE).keySet();
    }

    @Test
    void aReplacedFileGoesAfterItsGracePeriodWithoutListingOrAdminCalls() {
        MediaItem item = committedItem("first.png");
        String first = item.image;
        String second = replaceImage(item.id, "second.png");
        assertEquals(List.of(first), Journal.dropped());
        assertTrue(Journal.uploaded().containsAll(List.of(first, second)), Journal.uploaded().toString());
        emulator.resetRequestCounts();

        CandidateReport early = cleanup.cleanCandidates();
        assertEquals(0, early.due(), "within its grace period");
        assertEquals(0, emulator.totalRequests(), "a run with nothing due asks Cloudinary nothing");

        Journal.age(Duration.ofHours(1));
        CandidateReport report = cleanup.cleanCandidates();

        assertEquals(1, report.due());
        assertEquals(1, report.deleted(), report.summary());
        assertEquals(List.of(first), report.deletedNames());
        assertEquals("destroy", report.deleteMethod().orElseThrow());
        assertEquals(1, report.uploadApiCalls());
        assertEquals(0, report.adminApiCalls());
        assertEquals(1, emulator.requestCount("upload:destroy"));
        assertEquals(1, emulator.totalRequests(), emulator.requestCounts());
        assertEquals(Set.of(second.substring(0, second.lastIndexOf('.'))), images());
        assertTrue(Journal.dropped().isEmpty());
        assertFalse(Journal.uploaded().contains(first), "a deleted file's events are forgotten");
    }

    @Test
    void aRolledBackReplacementRecordsNothing() {
        MediaItem item = committedItem("first.png");
        // flushed, so the journal rows were written, then rolled back with the change
        assertThrows(QuarkusTransactionException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            MediaItem again = MediaItem.findById(item.id);
            files.store(again, "image", "second.png", new ByteArrayInputStream(PictureResourceTest.png(21, 10)));
            MediaItem.flush();
            QuarkusTransaction.setRollbackOnly();
        }));

        assertTrue(Journal.dropped().isEmpty(), Journal.dropped().toString());
        Journal.age(Duration.ofHours(1));
        assertEquals(0, cleanup.cleanCandidates().deleted());
        assertEquals(1, images().size(), "the row's file stays, the rolled-back upload was deleted by its rollback");
    }

    @Test
    void deletedRowsRemovedElementsAndEmbeddedValuesAreCandidates() {
        Album album = QuarkusTransaction.requiringNew().call(() -> {
            Album created = new Album();
            created.title = "holidays";
            files.store(created, "photos", "beach.png", new ByteArrayInputStream(PictureResourceTest.png(12, 12)));
            files.store(created, "photos", "hills.png", new ByteArrayInputStream(PictureResourceTest.png(13, 12)));
            files.store(created, "cover.image", "cover.png", new ByteArrayInputStream(PictureResourceTest.png(14, 12)));
            created.persist();
            return created;
        });
        String beach = album.photos.get(0);
        QuarkusTransaction.requiringNew().run(() -> {
            Album loaded = Album.findById(album.id);
            loaded.photos.remove(beach);
        });
        assertEquals(List.of(beach), Journal.dropped());

        QuarkusTransaction.requiringNew().run(() -> Album.findById(album.id).delete());
        assertEquals(Set.of(beach, album.photos.get(1), album.cover.image), Set.copyOf(Journal.dropped()));

        Journal.age(Duration.ofHours(1));
        CandidateReport report = cleanup.cleanCandidates();
        assertEquals(3, report.deleted(), report.summary());
        assertTrue(images().isEmpty(), images().toString());
    }

    @Test
    void aNameAnotherRowStillHoldsIsKeptAndNoLongerACandidate() {
        MediaItem item = committedItem("shared.png");
        String shared = item.image;
        QuarkusTransaction.requiringNew().run(() -> {
            MediaItem other = new MediaItem();
            other.title = "other";
            other.image = shared;
            other.persist();
        });
        replaceImage(item.id, "mine.png");
        Journal.age(Duration.ofHours(1));

        CandidateReport report = cleanup.cleanCandidates();

        assertEquals(1, report.referenced(), report.summary());
        assertEquals(0, report.deleted());
        assertTrue(images().contains(shared.substring(0, shared.lastIndexOf('.'))));
        assertTrue(Journal.dropped().isEmpty(), "judged: no longer a candidate");
    }

    @Test
    void aNameReferencedAgainWithinItsGracePeriodIsKept() {
        MediaItem item = committedItem("first.png");
        String first = item.image;
        replaceImage(item.id, "second.png");
        QuarkusTransaction.requiringNew().run(() -> {
            MediaItem loaded = MediaItem.findById(item.id);
            loaded.image = first;
        });
        Journal.age(Duration.ofHours(1));

        CandidateReport report = cleanup.cleanCandidates();

        assertEquals(1, report.deleted(), "the second file, dropped when the first came back: " + report.summary());
        assertEquals(1, report.referenced());
        assertEquals(Set.of(first.substring(0, first.lastIndexOf('.'))), images());
    }

    @Test
    void anotherOwnersFileIsNeverDeletedAndOwnUnjournaledFilesNeedOneCheckPer100() {
        emulator.seed("image", "media/items/images/theirs-", ".png", 1, 10, "media", Duration.ofHours(2),
                java.util.Map.of(StorageOwner.OWNER_KEY, "someone-else"));
        emulator.seed("image", "media/items/images/ours-", ".png", 2, 10, "media", Duration.ofHours(2),
                owner.context());
        QuarkusTransaction.requiringNew().run(() -> {
            for (String name : List.of("media/items/images/theirs-0.png", "media/items/images/ours-0.png",
                    "media/items/images/ours-1.png")) {
                MediaItem item = new MediaItem();
                item.title = name;
                item.image = name;
                item.persist();
            }
        });
        QuarkusTransaction.requiringNew().run(() -> MediaItem.<MediaItem> listAll().forEach(i -> i.image = null));
        Journal.age(Duration.ofHours(1));
        emulator.resetRequestCounts();

        CandidateReport report = cleanup.cleanCandidates();

        assertEquals(3, report.due());
        assertEquals(1, report.notOwned(), report.summary());
        assertEquals(2, report.deleted());
        assertEquals(1, report.adminApiCalls(), "one owner check for the files the journal has no upload of");
        assertEquals(Set.of("media/items/images/theirs-0"), images());
        assertTrue(Journal.dropped().isEmpty());
    }

    @Test
    void bulkUpdatesAreNotTracked() {
        committedItem("first.png");
        QuarkusTransaction.requiringNew().run(() -> MediaItem.update("image = null"));
        assertTrue(Journal.dropped().isEmpty(), "a bulk update bypasses entity events: the reconciliation finds it");
    }

    @Test
    void aBuildThatKnowsMoreAttributesDefersEveryDelete() {
        MediaItem item = committedItem("first.png");
        replaceImage(item.id, "second.png");
        Journal.age(Duration.ofHours(1));
        Journal.runningBuildWithAttribute(owner.owner(), "io.example.Newer", "banner");

        CandidateReport report = cleanup.cleanCandidates();

        assertTrue(report.deferredBecause().isPresent(), report.summary());
        assertTrue(report.deferredBecause().get().contains("io.example.Newer"), report.deferredBecause().get());
        assertEquals(0, report.deleted());
        assertEquals(2, images().size());
        assertEquals(1, Journal.dropped().size(), "still a candidate");
        Journal.forgetBuild("io.example.Newer");
    }
}
