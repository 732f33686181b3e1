package io.quarkiverse.cloudinary.storage.orphans;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs {@link OrphanCleanup} on {@code quarkus.cloudinary.orphans.cleanup.cron}; off by default. A tick that comes
 * while a run (scheduled, or started from the Dev UI or the application) is in progress is skipped.
 */
@ApplicationScoped
public class OrphanCleanupJob {

    /** The job's identity in the scheduler, for pausing it or for a clustered scheduler. */
    public static final String IDENTITY = "cloudinary-orphan-cleanup";

    private static final Logger LOG = Logger.getLogger(OrphanCleanupJob.class);

    private final OrphanCleanup cleanup;
    private final CloudinaryRuntimeConfig config;

    public OrphanCleanupJob(OrphanCleanup cleanup, CloudinaryRuntimeConfig config) {
        this.cleanup = cleanup;
        this.config = config;
    }

    @Scheduled(identity = IDENTITY, cron = "${quarkus.cloudinary.orphans.cleanup.cron:off}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            if (config.orphans().cleanup().dryRun()) {
                cleanup.findOrphans();
            } else {
                cleanup.deleteOrphans();
            }
        } catch (CleanupAlreadyRunningException e) {
            LOG.infof("Scheduled orphan cleanup skipped: %s", e.getMessage());
        }
    }
}
