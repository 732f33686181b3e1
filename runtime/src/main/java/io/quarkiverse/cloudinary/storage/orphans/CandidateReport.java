package io.quarkiverse.cloudinary.storage.orphans;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one candidate run did. Every candidate it took up ends in exactly one count: deleted, gone, referenced, not
 * owned, failed, or left for the next run.
 *
 * @param due candidates whose grace period had ended when the run started (up to what one run takes)
 * @param deleted files deleted
 * @param gone candidates whose file was no longer there
 * @param referenced candidates some row references again: kept, and no longer candidates
 * @param notOwned candidates whose file is not this application's (another owner's mark, outside the media folder, an
 *        excluded path, or not a stored name): kept, and no longer candidates
 * @param failed candidates whose delete or check failed: tried again by the next run
 * @param left candidates this run did not reach (its guard, the Admin API budget): the next run goes on
 * @param deleteMethod {@code destroy} or {@code bulk}, as chosen for this run; empty when it deleted nothing
 * @param uploadApiCalls Upload API calls ({@code destroy})
 * @param adminApiCalls Admin API calls (bulk deletes, ownership checks of files the journal has no upload of)
 * @param deletedNames the deleted files' stored names, up to {@code quarkus.cloudinary.orphans.report-limit}
 * @param deferredBecause why the run deleted nothing, when a running build knows attributes this one does not
 * @param stoppedBecause why the run left candidates, when it did
 */
public record CandidateReport(
        Instant startedAt,
        Duration duration,
        long due,
        long deleted,
        long gone,
        long referenced,
        long notOwned,
        long failed,
        long left,
        Optional<String> deleteMethod,
        long uploadApiCalls,
        long adminApiCalls,
        List<String> deletedNames,
        Optional<String> deferredBecause,
        Optional<String> stoppedBecause) {

    public CandidateReport {
        deletedNames = List.copyOf(deletedNames);
    }

    /** One log line. */
    public String summary() {
        if (deferredBecause.isPresent()) {
            return "Candidate cleanup deferred, " + due + " due candidates kept: " + deferredBecause.get();
        }
        return "Candidate cleanup: " + due + " due, " + deleted + " deleted"
                + deleteMethod.map(m -> " (" + m + ")").orElse("") + ", " + referenced + " referenced again, "
                + notOwned + " not this application's, " + gone + " already gone, " + failed + " failed, " + left
                + " left for the next run; " + uploadApiCalls + " Upload API and " + adminApiCalls
                + " Admin API calls in " + duration.toMillis() + " ms"
                + stoppedBecause.map(s -> "; stopped: " + s).orElse("");
    }

    /**
     * The queue as the run left it, for the Dev UI.
     *
     * @param waiting candidates recorded, whatever their age
     * @param due candidates whose grace period has ended
     * @param oldestDrop when the oldest waiting candidate was dropped
     */
    public record Queue(long waiting, long due, Optional<Instant> oldestDrop) {
    }
}
