package io.quarkiverse.cloudinary.storage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.cloudinary.Cloudinary;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.orphans.OrphanCleanup;
import io.quarkiverse.cloudinary.storage.orphans.OrphanCleanupJob;
import io.quarkiverse.cloudinary.storage.orphans.OrphanReport;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The scheduled job, set to run every second as a dry run: it reports and deletes nothing. */
@QuarkusTest
@TestProfile(OrphanCleanupJobTest.EverySecondDryRun.class)
class OrphanCleanupJobTest {

    public static class EverySecondDryRun implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.cloudinary.orphans.cleanup.cron", "* * * * * ?",
                    "quarkus.cloudinary.orphans.cleanup.dry-run", "true");
        }
    }

    @Inject
    OrphanCleanup cleanup;

    @Inject
    Scheduler scheduler;

    @Inject
    Cloudinary cloudinary;

    @Inject
    CloudinaryOperations operations;

    @Inject
    StorageOwner owner;

    @Test
    void theJobRunsOnItsCronAsADryRun() throws Exception {
        assertTrue(scheduler.getScheduledJob(OrphanCleanupJob.IDENTITY) != null, "the job is scheduled");
        Emulator.reset(operations).seed("raw", "media/stray/", ".txt", 7, 10, "media", Duration.ofHours(2),
                owner.context());
        Instant seeded = Instant.now();

        OrphanReport report = null;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            report = cleanup.lastReport().filter(r -> r.startedAt().isAfter(seeded)).orElse(null);
            if (report != null) {
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(report != null, "a scheduled run reported within 10 s");
        assertTrue(report.dryRun());
        assertEquals(7, report.deleted(), "would be deleted");
        assertEquals(7, MediaAccount.media(cloudinary, CloudinaryResourceType.RAW).size(), "nothing was deleted");
    }
}
