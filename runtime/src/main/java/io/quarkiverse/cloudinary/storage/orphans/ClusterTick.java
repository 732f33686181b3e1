package io.quarkiverse.cloudinary.storage.orphans;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;

/**
 * One tick of a scheduled cleanup job, run on exactly one instance of a cluster: the one that takes the job's
 * {@link CleanupLock} (with {@code quarkus.cloudinary.orphans.cleanup.cluster-lock}), or this one when the lock is off.
 * Every scheduled cleanup job runs its ticks through one of these, so that all of them take their lock alike.
 */
final class ClusterTick {

    private final String job;
    private final String description;
    private final CloudinaryRuntimeConfig config;
    private final Instance<AgroalDataSource> dataSources;
    private final Logger log;
    private final String holder = ProcessHandle.current().pid() + "@" + host() + "/" + UUID.randomUUID();
    private volatile CleanupLock lock;

    /**
     * @param job the job's identity, which names its lock
     * @param description the job as log lines name it, {@code Scheduled orphan cleanup}
     */
    ClusterTick(String job, String description, CloudinaryRuntimeConfig config, Instance<AgroalDataSource> dataSources,
            Logger log) {
        this.job = job;
        this.description = description;
        this.config = config;
        this.dataSources = dataSources;
        this.log = log;
    }

    /**
     * Runs the tick here if this instance takes the lock for it, or if there is no lock to take.
     *
     * @param tick the scheduled fire time, the same on every instance for a cron
     */
    void run(Instant tick, Runnable work) {
        if (!config.orphans().cleanup().clusterLock()) {
            work.run();
            return;
        }
        Optional<CleanupLock> clusterLock = lock();
        if (clusterLock.isEmpty()) {
            return;
        }
        Optional<CleanupLock.Held> held;
        try {
            held = clusterLock.get().tryAcquire(tick);
        } catch (SQLException e) {
            // a cleanup is never urgent: the next tick tries again
            log.warnf("%s skipped: its lock in the database could not be taken: %s", description, e.getMessage());
            return;
        }
        if (held.isEmpty()) {
            log.infof("%s skipped on this instance: the lock is %s", description, clusterLock.get().describe());
            return;
        }
        try (CleanupLock.Held running = held.get()) {
            // one line per tick and cluster: an operator (and the two-instance CI check) can see who ran which tick
            log.infof("%s runs the tick of %s on this instance (%s)", description,
                    tick.truncatedTo(ChronoUnit.SECONDS), holder);
            work.run();
        }
    }

    private Optional<CleanupLock> lock() {
        if (lock != null) {
            return Optional.of(lock);
        }
        Optional<String> name = config.orphans().cleanup().lockDatasource();
        Optional<AgroalDataSource> selected = ReconciliationStore.CleanupDatabase.select(dataSources, name);
        if (selected.isEmpty()) {
            log.warnf("%s skipped: its lock needs the %s, which this application does not have; set"
                    + " quarkus.cloudinary.orphans.cleanup.lock-datasource, or turn"
                    + " quarkus.cloudinary.orphans.cleanup.cluster-lock off when only one instance runs the job",
                    description, name.map(n -> "datasource '" + n + "'").orElse("default datasource"));
            return Optional.empty();
        }
        lock = new CleanupLock(selected.get(), job, holder, config.orphans().cleanup().lockTtl());
        return Optional.of(lock);
    }

    private static String host() {
        String host = System.getenv("HOSTNAME");
        return host == null || host.isBlank() ? "localhost" : host;
    }
}
