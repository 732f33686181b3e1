package io.quarkiverse.cloudinary.storage.orphans;

import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

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
    private final Instance<AgroalDataSource> dataSources;
    private final String holder = ProcessHandle.current().pid() + "@" + host() + "/" + UUID.randomUUID();
    private volatile CleanupLock lock;
    private volatile boolean warnedRealAccount;

    public OrphanCleanupJob(OrphanCleanup cleanup, CloudinaryRuntimeConfig config,
            @Any Instance<AgroalDataSource> dataSources) {
        this.cleanup = cleanup;
        this.config = config;
        this.dataSources = dataSources;
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
        if (!config.orphans().cleanup().clusterLock()) {
            runHere();
            return;
        }
        Optional<CleanupLock> clusterLock = lock();
        if (clusterLock.isEmpty()) {
            return;
        }
        Optional<CleanupLock.Held> held;
        try {
            held = clusterLock.get().tryAcquire(execution.getScheduledFireTime());
        } catch (SQLException e) {
            // a cleanup is never urgent: the next tick tries again
            LOG.warnf("Scheduled orphan cleanup skipped: its lock in the database could not be taken: %s",
                    e.getMessage());
            return;
        }
        if (held.isEmpty()) {
            LOG.infof("Scheduled orphan cleanup skipped on this instance: the lock is %s",
                    clusterLock.get().describe());
            return;
        }
        try (CleanupLock.Held running = held.get()) {
            // one line per tick and cluster: an operator (and the two-instance CI check) can see who ran which tick
            LOG.infof("Scheduled orphan cleanup runs the tick of %s on this instance (%s)",
                    execution.getScheduledFireTime().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), holder);
            runHere();
        }
    }

    private void runHere() {
        try {
            cleanup.scheduledRun(config.orphans().cleanup().dryRun());
        } catch (CleanupAlreadyRunningException e) {
            LOG.infof("Scheduled orphan cleanup skipped: %s", e.getMessage());
        }
    }

    private Optional<CleanupLock> lock() {
        if (lock != null) {
            return Optional.of(lock);
        }
        Optional<String> name = config.orphans().cleanup().lockDatasource();
        Optional<AgroalDataSource> selected = ReconciliationStore.CleanupDatabase.select(dataSources, name);
        if (selected.isEmpty()) {
            LOG.warnf("Scheduled orphan cleanup skipped: its lock needs the %s, which this application does not have;"
                    + " set quarkus.cloudinary.orphans.cleanup.lock-datasource, or turn"
                    + " quarkus.cloudinary.orphans.cleanup.cluster-lock off when only one instance runs the job",
                    name.map(n -> "datasource '" + n + "'").orElse("default datasource"));
            return Optional.empty();
        }
        lock = new CleanupLock(selected.get(), IDENTITY, holder, config.orphans().cleanup().lockTtl());
        return Optional.of(lock);
    }

    private static String host() {
        String host = System.getenv("HOSTNAME");
        return host == null || host.isBlank() ? "localhost" : host;
    }
}
