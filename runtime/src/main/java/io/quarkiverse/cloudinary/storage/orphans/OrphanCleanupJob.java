package io.quarkiverse.cloudinary.storage.orphans;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * Runs {@link OrphanCleanup} on {@code quarkus.cloudinary.orphans.cleanup.cron}, every hour by default: each tick goes
 * on with the reconciliation pass within its allowance of Admin API calls, and ticks between the end of a pass and the
 * start of the next do nothing. A tick that comes
 * while a run (scheduled, or started from the Dev UI or the application) is in progress is skipped. With several
 * instances, each tick first takes the {@link CleanupLock} in the application's database, so that one instance runs it
 * ({@code quarkus.cloudinary.orphans.cleanup.cluster-lock}).
 */
@ApplicationScoped
public class OrphanCleanupJob {

    /** The job's identity in the scheduler, for pausing it or for a clustered scheduler. */
    public static final String IDENTITY = "cloudinary-orphan-cleanup";

    /** Every hour at 23 minutes past: a minute few other hourly jobs pick. */
    public static final String DEFAULT_CRON = "0 23 * * * ?";

    private static final Logger LOG = Logger.getLogger(OrphanCleanupJob.class);

    private final OrphanCleanup cleanup;
    private final CloudinaryRuntimeConfig config;
    private final ClusterTick tick;
    private volatile boolean warnedRealAccount;

    public OrphanCleanupJob(OrphanCleanup cleanup, CloudinaryRuntimeConfig config,
            @Any Instance<AgroalDataSource> dataSources) {
        this.cleanup = cleanup;
        this.config = config;
        this.tick = new ClusterTick(IDENTITY, "Scheduled orphan cleanup", config, dataSources, LOG);
    }

    @Scheduled(identity = IDENTITY, cron = "${quarkus.cloudinary.orphans.cleanup.cron:" + DEFAULT_CRON
            + "}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run(ScheduledExecution execution) {
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT && cleanup.owner().realAccount()) {
            // a developer's machine pointed at a real account: deletes there wait for a person, in the Dev UI
            if (!warnedRealAccount) {
                warnedRealAccount = true;
                LOG.warnf("The scheduled orphan cleanup does not run in dev mode against the real account '%s'; run it"
                        + " from the Dev UI", cleanup.owner().cloudName());
            }
            return;
        }
        tick.run(execution.getScheduledFireTime(), this::runHere);
    }

    private void runHere() {
        try {
            cleanup.scheduledRun(config.orphans().cleanup().dryRun());
        } catch (CleanupAlreadyRunningException e) {
            LOG.infof("Scheduled orphan cleanup skipped: %s", e.getMessage());
        }
    }
}
