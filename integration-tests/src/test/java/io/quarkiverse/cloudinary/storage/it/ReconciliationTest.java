package io.quarkiverse.cloudinary.storage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.cloudinary.Cloudinary;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFiles;
import io.quarkiverse.cloudinary.storage.leases.BuildLease;
import io.quarkiverse.cloudinary.storage.orphans.OrphanCleanup;
import io.quarkiverse.cloudinary.storage.orphans.OrphanReport;
import io.quarkiverse.cloudinary.storage.orphans.OrphanedResource;
import io.quarkiverse.cloudinary.storage.orphans.ReconciliationProgress;
import io.quarkiverse.cloudinary.storage.orphans.ReconciliationStore;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The reconciliation on the emulator and the demo's H2 database, with 20 Admin API calls per run: a pass over 1,203
 * orphans and two referenced files takes several runs, each spending no more than its allowance, and deletes exactly
 * the orphans; a cleanup made anew (as after a restart) goes on from the cursor in the table; a run at the budget's
 * reserve spends nothing; a run the guard stops stores no progress, so that the run a person confirms lists the same
 * pages; a scheduled run after a complete pass waits for the interval; a dry run moves nothing; a cursor Cloudinary
 * refuses restarts the listing of its resource type.
 */
@QuarkusTest
@TestProfile(ReconciliationTest.TwentyCallsPerRun.class)
class ReconciliationTest {

    private static final int MAX_CALLS = 20;
    private static final Duration OLD = Duration.ofHours(2);

    public static class TwentyCallsPerRun implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the guard judges each run alone; these accounts are almost all orphans
            return Map.of("quarkus.cloudinary.orphans.reconciliation.max-calls-per-run", String.valueOf(MAX_CALLS),
                    "quarkus.cloudinary.orphans.max-deletes", "1000000",
                    "quarkus.cloudinary.orphans.max-delete-ratio", "1");
        }
    }

    @Inject
    OrphanCleanup cleanup;

    @Inject
    CloudinaryFiles files;

    @Inject
    Cloudinary cloudinary;

    @Inject
    CloudinaryOperations operations;

    @Inject
    CloudinaryRuntimeConfig config;

    @Inject
    StorageOwner owner;

    @Inject
    BuildLease lease;

    @Inject
    AgroalDataSource dataSource;

    EmulatorControlClient emulator;

    @BeforeEach
    void freshAccountTablesAndPass() {
        emulator = Emulator.reset(operations);
        MediaAccount.clearRows();
    }

    @AfterEach
    void noRowsOrPassLeft() {
        MediaAccount.clearRows();
        // the in-memory database outlives this test application: a cursor left mid-pass would mislead the next one
        Emulator.forgetReconciliation();
    }

    /** An item referencing an image and a document, and 1,200 raw and 3 image orphans, all two hours old. */
    private MediaItem account() {
        MediaItem item = QuarkusTransaction.requiringNew().call(() -> {
            MediaItem created = new MediaItem();
            created.title = "kept";
            files.store(created, "image", "photo.png", new ByteArrayInputStream(PictureResourceTest.png(20, 10)));
            files.store(created, "document", "brief.pdf", new ByteArrayInputStream(Samples.text("%PDF-1.4 brief")));
            created.persist();
            return created;
        });
        emulator.seed("raw", "media/old/", ".txt", 1_200, 10, "media", OLD, owner.context());
        emulator.seed("image", "media/items/images/gone-", ".png", 3, 10, "media", OLD, owner.context());
        emulator.backdate("", OLD);
        return item;
    }

    private Set<String> all(CloudinaryResourceType type) {
        return MediaAccount.media(cloudinary, type).keySet();
    }

    @Test
    void aPassSpreadOverRunsDeletesExactlyTheOrphansAndACleanupMadeAnewGoesOnFromTheStoredCursor() {
        MediaItem item = account();

        OrphanReport first = cleanup.deleteOrphans();
        assertFalse(first.complete(), first.toString());
        assertTrue(first.stoppedBecause().orElseThrow().contains("max-calls-per-run"), first.toString());
        assertTrue(first.requests() <= MAX_CALLS, first.toString());
        assertTrue(first.pass().orElseThrow().stored(), first.toString());
        assertEquals("the first page of the image files", first.pass().get().from());
        assertEquals("the raw files, at a stored cursor", first.pass().get().to());
        ReconciliationProgress afterFirst = cleanup.reconciliationProgress();
        assertEquals(first.deleted(), afterFirst.deleted());
        assertEquals(first.scanned(), afterFirst.files());
        assertEquals(CloudinaryResourceType.RAW, afterFirst.resourceType().orElseThrow());
        assertTrue(afterFirst.durable());
        assertFalse(afterFirst.waiting());

        // a restart: another cleanup, knowing nothing but the table
        OrphanCleanup restarted = new OrphanCleanup(operations, files, files.registry(), config, owner, lease,
                Arc.container().select(EntityManager.class, Any.Literal.INSTANCE), ReconciliationStore.inDatabase(dataSource));
        emulator.resetRequestCounts();
        OrphanReport second = restarted.deleteOrphans();
        assertEquals(1, emulator.requestCount("admin:resources:by-context"), "one raw page, no image page again: "
                + emulator.requestCounts());
        assertEquals("the raw files, at a stored cursor", second.pass().orElseThrow().from());
        assertTrue(second.requests() <= MAX_CALLS, second.toString());
        assertEquals(500, second.deleted(), second.toString());

        List<OrphanReport> runs = new ArrayList<>(List.of(first, second));
        while (!runs.get(runs.size() - 1).complete()) {
            assertTrue(runs.size() < 10, "the pass ends: " + runs);
            OrphanReport run = restarted.deleteOrphans();
            assertTrue(run.requests() <= MAX_CALLS, run.toString());
            runs.add(run);
        }
        assertEquals(4, runs.size(), "image page and the first raw page; the second; the third; the video page: " + runs);
        assertEquals(1_203, runs.stream().mapToLong(OrphanReport::deleted).sum());
        assertEquals(1_205, runs.stream().mapToLong(OrphanReport::scanned).sum(), "every own file listed once");
        assertEquals(Set.of(item.document), all(CloudinaryResourceType.RAW));
        assertEquals(Set.of("media/items/images/photo"), all(CloudinaryResourceType.IMAGE));

        ReconciliationProgress done = cleanup.reconciliationProgress();
        assertEquals(1_203, done.deleted());
        assertEquals(1_205, done.files());
        assertEquals(afterFirst.passStartedAt(), done.passStartedAt(), "one pass");
        assertTrue(done.passCompletedAt().isPresent() && done.waiting(), done.toString());
        assertEquals(done.passStartedAt().orElseThrow().plus(Duration.ofDays(7)), done.nextPassDue().orElseThrow());
        assertEquals(runs.get(3).requests(), done.lastRunCalls());
    }

    @Test
    void aRunTheGuardStopsStoresNoProgressAndTheConfirmedRunListsTheSamePages() {
        account();

        OrphanReport refused = cleanup.deleteOrphans(1);

        assertTrue(refused.guardTripped().orElseThrow().contains("not the 1 that were confirmed"), refused.toString());
        assertEquals(0, refused.deleted());
        assertFalse(refused.pass().orElseThrow().stored());
        ReconciliationProgress afterRefusal = cleanup.reconciliationProgress();
        assertEquals(0, afterRefusal.pages(), "the pass did not move");
        assertEquals(CloudinaryResourceType.IMAGE, afterRefusal.resourceType().orElseThrow());
        assertEquals(refused.requests(), afterRefusal.lastRunCalls(), "what the refused run spent is recorded");

        OrphanReport confirmed = cleanup.deleteOrphans(refused.orphansFound());

        assertEquals(refused.orphansFound(), confirmed.deleted(), confirmed.toString());
        assertEquals(refused.scanned(), confirmed.scanned(), "the same pages");
        assertTrue(confirmed.pass().orElseThrow().stored());
        assertEquals(confirmed.scanned(), cleanup.reconciliationProgress().files());
    }

    @Test
    void aCompletedPassWaitsForTheIntervalOnScheduleButNotWhenAsked() {
        emulator.seed("raw", "media/stray/", ".txt", 3, 10, "media", OLD, owner.context());
        OrphanReport done = cleanup.deleteOrphans();
        assertTrue(done.complete(), done.toString());
        assertEquals(3, done.deleted());
        emulator.seed("raw", "media/later/", ".txt", 2, 10, "media", OLD, owner.context());
        emulator.resetRequestCounts();

        OrphanReport waiting = cleanup.scheduledRun(false);

        Instant due = waiting.pass().orElseThrow().waitingUntil().orElseThrow();
        assertEquals(done.pass().orElseThrow().passStartedAt().plus(Duration.ofDays(7)), due);
        assertEquals(0, waiting.requests());
        assertEquals(0, waiting.scanned());
        assertEquals(0, emulator.totalRequests(), "no call at all: " + emulator.requestCounts());
        assertTrue(waiting.summary().contains("made no Admin API call"), waiting.summary());
        assertEquals(done, cleanup.lastReport().orElseThrow(), "a waiting tick is no run");
        assertTrue(cleanup.reconciliationProgress().waiting());

        OrphanReport asked = cleanup.deleteOrphans();
        assertEquals(2, asked.deleted(), "a person who asks starts the next pass at once");
        assertTrue(asked.pass().orElseThrow().passStartedAt().isAfter(done.pass().get().passStartedAt()));
    }

    @Test
    void aRunAtTheReserveSpendsNothingAndMovesNothing() {
        account();
        OrphanReport first = cleanup.deleteOrphans();
        ReconciliationProgress before = cleanup.reconciliationProgress();
        // 21 left; the ping takes one: the reserve of 20 is all that is left
        emulator.rateLimit(500, 21, Duration.ofHours(1));
        operations.admin("ping", (api, options) -> api.ping(options));
        emulator.resetRequestCounts();

        OrphanReport idle = cleanup.deleteOrphans();

        assertEquals(0, idle.requests(), idle.toString());
        assertEquals(0, emulator.totalRequests(), emulator.requestCounts());
        assertTrue(idle.stoppedBecause().orElseThrow().contains("20 are kept for the application"), idle.toString());
        assertFalse(idle.pass().orElseThrow().stored());
        ReconciliationProgress after = cleanup.reconciliationProgress();
        assertEquals(before.resourceType(), after.resourceType());
        assertEquals(before.files(), after.files());
        assertEquals(before.pages(), after.pages());
        assertEquals(0, after.lastRunCalls(), "the run is recorded, with what it spent");
        assertEquals(first.pass().orElseThrow().to(), idle.pass().get().from());
    }

    @Test
    void aDryRunPreviewsTheNextRunAndNeverMovesTheCursor() {
        account();
        cleanup.deleteOrphans();
        ReconciliationProgress before = cleanup.reconciliationProgress();

        OrphanReport preview = cleanup.findOrphans();
        OrphanReport again = cleanup.findOrphans();

        assertEquals(before, cleanup.reconciliationProgress(), "a dry run stores nothing");
        assertFalse(preview.pass().orElseThrow().stored());
        assertEquals(preview.deleted(), again.deleted());
        OrphanReport real = cleanup.deleteOrphans();
        assertEquals(preview.deleted(), real.deleted());
        assertEquals(names(preview), names(real), "the dry run previewed exactly the pages the next run listed");
        assertEquals(preview.pass().get().from(), real.pass().orElseThrow().from());
    }

    @Test
    void aCursorCloudinaryRefusesRestartsTheListingOfItsResourceType() throws Exception {
        MediaItem item = account();
        cleanup.deleteOrphans();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement stale = connection.prepareStatement("UPDATE " + ReconciliationStore.TABLE
                        + " SET next_cursor = ? WHERE resource_type = 'RAW'")) {
            stale.setString(1, "expired-cursor");
            assertEquals(1, stale.executeUpdate());
        }

        OrphanReport restarted = cleanup.deleteOrphans();

        List<String> notes = restarted.pass().orElseThrow().notes();
        assertEquals(1, notes.size(), restarted.toString());
        assertTrue(notes.get(0).contains("stored cursor of the raw listing was refused")
                && notes.get(0).contains("listed again from the first page"), notes.get(0));
        assertTrue(restarted.summary().contains("listed again from the first page"), restarted.summary());
        assertEquals(500, restarted.scanned(), "the first raw page again, now of files the first run left");
        assertEquals(restarted.scanned() - restarted.referenced(), restarted.deleted(), restarted.toString());
        while (!cleanup.deleteOrphans().complete()) {
            assertTrue(cleanup.reconciliationProgress().pages() < 20, "the pass ends");
        }
        assertEquals(Set.of(item.document), all(CloudinaryResourceType.RAW));
    }

    private static Set<String> names(OrphanReport report) {
        return report.orphans().stream().map(OrphanedResource::publicId).collect(Collectors.toCollection(HashSet::new));
    }
}
