package io.quarkiverse.cloudinary.storage.orphans;

import java.time.Instant;

/**
 * An orphan cleanup was asked for while another one runs in this application. Nothing was done; ask again once
 * {@link OrphanCleanup#running()} is false.
 */
public class CleanupAlreadyRunningException extends IllegalStateException {

    private final Instant runningSince;

    public CleanupAlreadyRunningException(Instant runningSince) {
        super("An orphan cleanup is already running in this application (since " + runningSince
                + "); this one was not started");
        this.runningSince = runningSince;
    }

    /** When the cleanup in progress started. */
    public Instant runningSince() {
        return runningSince;
    }
}
