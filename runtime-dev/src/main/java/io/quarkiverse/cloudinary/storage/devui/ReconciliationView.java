package io.quarkiverse.cloudinary.storage.devui;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.orphans.ReconciliationProgress;

/**
 * A {@link ReconciliationProgress} as the Orphans page shows it: instants as text, absent values as nulls.
 *
 * @param resourceType the resource type the pass lists next, null when it is complete or not started
 * @param waiting whether the pass is complete and the scheduled runs wait for the interval
 * @param durable whether the pass is kept in the database; otherwise a restart starts a new pass
 * @param maxCallsPerRun the Admin API calls one run may spend
 * @param interval from the start of one pass to the start of the next
 */
public record ReconciliationView(
        String passStartedAt,
        String resourceType,
        long pages,
        long files,
        long deleted,
        String passCompletedAt,
        String lastRunAt,
        long lastRunCalls,
        String lastRunOutcome,
        boolean waiting,
        String nextPassDue,
        boolean durable,
        int maxCallsPerRun,
        String interval,
        String summary) {

    static ReconciliationView of(ReconciliationProgress progress, int maxCallsPerRun, String interval) {
        return new ReconciliationView(
                progress.passStartedAt().map(String::valueOf).orElse(null),
                progress.resourceType().map(CloudinaryResourceType::cloudinaryName).orElse(null),
                progress.pages(),
                progress.files(),
                progress.deleted(),
                progress.passCompletedAt().map(String::valueOf).orElse(null),
                progress.lastRunAt().map(String::valueOf).orElse(null),
                progress.lastRunCalls(),
                progress.lastRunOutcome().orElse(null),
                progress.waiting(),
                progress.nextPassDue().map(String::valueOf).orElse(null),
                progress.durable(),
                maxCallsPerRun,
                interval,
                progress.summary());
    }
}
