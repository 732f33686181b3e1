package io.quarkiverse.cloudinary.storage.orphans;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * Runs {@link CandidateCleanup} every {@code quarkus.cloudinary.orphans.candidates.every} (5 minutes by default). Each
 * tick, on every instance, first records that this build runs (the candidate runs of other builds must know its
 * attributes); then, with several instances, the instance that takes the {@link CleanupLock} runs it. In dev mode
 * against a real account the job deletes nothing: there, deletes wait for a person, in the Dev UI.
 */
@ApplicationScoped
public class CandidateCleanupJob {

    /** The job's identity in the scheduler. */
    public static final String IDENTITY = "cloudinary-candidate-cleanup";

    private static final Logger LOG = Logger.getLogger(CandidateCleanupJob.class);

    private final CandidateCleanup cleanup;
    private final CandidateRecording recording;
    private final CloudinaryRuntimeConfig config;
    private final StorageOwner owner;
    private final ClusterTick tick;
    private volatile boolean warnedRealAccount;

    public CandidateCleanupJob(CandidateCleanup cleanup, CandidateRecording recording, CloudinaryRuntimeConfig config,
            StorageOwner owner, @Any Instance<AgroalDataSource> dataSources) {
        this.cleanup = cleanup;
        this.recording = recording;
        this.config = config;
        this.owner = owner;
        this.tick = new ClusterTick(IDENTITY, "Candidate cleanup", config, dataSources, LOG);
    }

    @Scheduled(identity = IDENTITY, every = "${quarkus.cloudinary.orphans.candidates.every:5m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run(ScheduledExecution execution) {
        if (!recording.recording()) {
            return;
        }
        cleanup.touchBuild();
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT && owner.realAccount()) {
            if (!warnedRealAccount) {
                warnedRealAccount = true;
                LOG.warnf("The candidate cleanup job deletes nothing in dev mode against the real account '%s'; run it"
                        + " from the Dev UI", owner.cloudName());
            }
            return;
        }
        tick.run(execution.getScheduledFireTime().truncatedTo(ChronoUnit.SECONDS), this::runHere);
    }

    private void runHere() {
        try {
            cleanup.cleanCandidates();
        } catch (CleanupAlreadyRunningException e) {
            LOG.debugf("Candidate cleanup skipped: %s", e.getMessage());
        }
    }
}
