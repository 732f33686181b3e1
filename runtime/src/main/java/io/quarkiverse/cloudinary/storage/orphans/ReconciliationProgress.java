package io.quarkiverse.cloudinary.storage.orphans;

import java.time.Instant;
import java.util.Optional;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;

/**
 * Where the reconciliation of this application's media files stands: the pass that lists every owned file, spread
 * over runs, and what the last run that went on with it spent. Dry runs never move it.
 *
 * @param passStartedAt when the current (or last, when complete) pass started; empty before the first run
 * @param resourceType the resource type the pass lists next; empty when the pass is complete or not started
 * @param pages listing pages this pass went past
 * @param files own media files those pages held
 * @param deleted orphans this pass deleted
 * @param passCompletedAt when the pass listed its last page; empty while it goes on
 * @param lastRunAt when a run last went on with the pass (or was refused by the guard, or deferred)
 * @param lastRunCalls the Admin API calls that run spent
 * @param lastRunOutcome that run's summary
 * @param waiting whether the pass is complete and scheduled runs wait for the interval
 * @param nextPassDue when the next pass starts on schedule: the interval after this pass started
 * @param durable whether the state is kept in the database, and so survives restarts and is shared by instances
 */
public record ReconciliationProgress(
        Optional<Instant> passStartedAt,
        Optional<CloudinaryResourceType> resourceType,
        long pages,
        long files,
        long deleted,
        Optional<Instant> passCompletedAt,
        Optional<Instant> lastRunAt,
        long lastRunCalls,
        Optional<String> lastRunOutcome,
        boolean waiting,
        Optional<Instant> nextPassDue,
        boolean durable) {

    /** One line for logs and the Dev UI. */
    public String summary() {
        if (passStartedAt.isEmpty()) {
            return "no reconciliation pass has run yet";
        }
        String pass = "the pass started at " + passStartedAt.get() + " went past " + pages + " pages (" + files
                + " own media files) and deleted " + deleted + " orphans";
        if (passCompletedAt.isPresent()) {
            return pass + "; it completed at " + passCompletedAt.get() + nextPassDue.map(due -> "; the next starts at "
                    + due).orElse("");
        }
        return pass + "; it goes on with the " + resourceType.map(CloudinaryResourceType::cloudinaryName).orElse("?")
                + " files";
    }
}
