package io.quarkiverse.cloudinary.storage.devui;

import java.util.List;

import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.orphans.CandidateReport;

/**
 * The candidate cleanup as the Dev UI shows it: its settings, the queue of dropped names and the last run.
 *
 * @param recording whether changes record candidates now
 * @param waiting candidates recorded, whatever their age
 * @param due candidates whose grace period has ended
 * @param oldestDrop when the oldest waiting candidate was dropped, null for none
 */
public record CandidatesView(
        boolean recording,
        String every,
        String gracePeriod,
        String deleteWith,
        int maxDeletesPerRun,
        long waiting,
        long due,
        String oldestDrop,
        boolean running,
        LastRun lastRun) {

    /** One run, as the page lists it. */
    public record LastRun(String startedAt, String duration, long due, long deleted, long gone, long referenced,
            long notOwned, long failed, long left, String deleteMethod, long uploadApiCalls, long adminApiCalls,
            List<String> deletedNames, String deferredBecause, String stoppedBecause, String summary) {

        static LastRun of(CandidateReport report) {
            return new LastRun(report.startedAt().toString(), DurationText.of(report.duration()), report.due(),
                    report.deleted(), report.gone(), report.referenced(), report.notOwned(), report.failed(),
                    report.left(), report.deleteMethod().orElse(null), report.uploadApiCalls(), report.adminApiCalls(),
                    report.deletedNames(), report.deferredBecause().orElse(null), report.stoppedBecause().orElse(null),
                    report.summary());
        }
    }

    static CandidatesView of(CloudinaryRuntimeConfig.Candidates settings, boolean recording, CandidateReport.Queue queue,
            boolean running, CandidateReport last) {
        return new CandidatesView(recording, settings.every(), DurationText.of(settings.gracePeriod()),
                settings.deleteWith().name().toLowerCase(java.util.Locale.ROOT), settings.maxDeletesPerRun(),
                queue.waiting(), queue.due(), queue.oldestDrop().map(String::valueOf).orElse(null), running,
                last == null ? null : LastRun.of(last));
    }
}
