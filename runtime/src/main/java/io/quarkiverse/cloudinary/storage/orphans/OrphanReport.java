package io.quarkiverse.cloudinary.storage.orphans;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one orphan cleanup run saw and did. Files listed that are not this application's own media files (another
 * owner's, unmarked, without the media tag, outside the media prefix) count in {@code notOwned} and nowhere else. Every
 * own media file listed is counted in {@code scanned} and once in {@code referenced}, {@code excluded},
 * {@code tooYoung} or {@code orphansFound}; of the orphans found, a run that deletes counts each in {@code deleted},
 * {@code kept}, {@code failed}, or in none when the file vanished before its delete or the run stopped first (then
 * {@code complete} is false and {@code stoppedBecause} says what is left).
 *
 * @param dryRun whether the run only looked: then {@code deleted} and {@code orphans} are what a real run would delete
 * @param scanned this application's own media files listed
 * @param notOwned files listed that are outside the run's scope: never touched
 * @param referenced listed files that an {@code @CloudinaryFile} attribute references (checked again right before
 *        each delete batch; a file found referenced then counts here)
 * @param excluded listed files under an excluded path
 * @param tooYoung listed files younger than the grace period
 * @param deleted orphans deleted (would be deleted, in a dry run); 0 when the guard stopped the run
 * @param kept orphans found by the scan that the check right before their delete found changed (overwritten, now
 *        another owner's, young again): kept
 * @param failed orphans whose delete batch failed after its retries; they stay, and the next run tries again
 * @param requests Admin API requests made, retries included
 * @param duration wall time of the run
 * @param orphanBytes total size of the {@code deleted} files
 * @param orphans the first of the {@code deleted} files, at most {@code quarkus.cloudinary.orphans.report-limit}
 * @param complete whether the run listed up to the end of the reconciliation pass and decided every file it listed
 * @param stoppedBecause why the run ended early, and what it left for the next run
 * @param guardTripped why the blast-radius guard stopped the run before its first delete (in a dry run: why it would);
 *        {@code orphans} then lists what would have gone
 * @param orphansFound unreferenced, old enough, not excluded files the scan found
 * @param startedAt when the run started
 * @param schemaSkew the running build that knows {@code @CloudinaryFile} attributes this one does not, when there is
 *        one: then the run listed and deleted nothing, and left the cleanup to a build that knows them all
 * @param pass how the run moved the reconciliation pass
 */
public record OrphanReport(
        boolean dryRun,
        long scanned,
        long notOwned,
        long referenced,
        long excluded,
        long tooYoung,
        long deleted,
        long kept,
        long failed,
        long requests,
        Duration duration,
        long orphanBytes,
        List<OrphanedResource> orphans,
        boolean complete,
        Optional<String> stoppedBecause,
        Optional<String> guardTripped,
        long orphansFound,
        Instant startedAt,
        Optional<SchemaSkew> schemaSkew,
        Optional<PassStep> pass) {

    /**
     * How one run went on with the reconciliation pass, which lists every owned media file over several runs.
     *
     * @param passStartedAt when the pass this run went on with started
     * @param from where the run started listing
     * @param to where the next run goes on
     * @param stored whether the pass's new place was stored: never by a dry run, nor by a run the guard stopped or
     *        that stopped before it decided every orphan it found (the next run lists those pages again)
     * @param waitingUntil set when the pass was complete and this scheduled run waits for
     *        {@code quarkus.cloudinary.orphans.reconciliation.interval}: it listed nothing and spent no call
     * @param notes what else an operator should know, such as a stored cursor Cloudinary refused
     */
    public record PassStep(Instant passStartedAt, String from, String to, boolean stored,
            Optional<Instant> waitingUntil, List<String> notes) {

        public PassStep {
            notes = List.copyOf(notes);
        }

        /** What an operator reads. */
        public String describe() {
            if (waitingUntil.isPresent()) {
                return "the reconciliation pass that started at " + passStartedAt + " is complete; the next starts at "
                        + waitingUntil.get() + ", so this run listed nothing and made no Admin API call";
            }
            return "reconciliation pass of " + passStartedAt + ": from " + from + " to " + to
                    + (stored ? "" : " (not stored: the next run goes on from " + from + ")")
                    + notes.stream().map(note -> "; " + note).reduce("", String::concat);
        }
    }

    /**
     * A running build (its lease is fresh) whose reference attributes this build does not all know: files only those
     * attributes reference would look like orphans here.
     *
     * @param buildId the build, as its lease names it
     * @param refreshedAt the last refresh of its lease
     * @param attributes the attributes this build does not know, {@code Entity.attribute (resource type)}; empty when
     *        its lease could not be read, so that nothing is known of them
     */
    public record SchemaSkew(String buildId, Instant refreshedAt, List<String> attributes) {

        public SchemaSkew {
            attributes = List.copyOf(attributes);
        }

        /** What an operator reads: which build, which attributes, and what happens. */
        public String describe() {
            return "the running build " + buildId + " (lease refreshed at " + refreshedAt + ") "
                    + (attributes.isEmpty() ? "has a lease that could not be read, so its @CloudinaryFile attributes"
                            + " are unknown"
                            : "knows @CloudinaryFile attributes this build does not: " + String.join(", ", attributes))
                    + "; this run deleted nothing and leaves the cleanup to a build that knows them all";
        }
    }

    public OrphanReport {
        orphans = List.copyOf(orphans);
    }

    /** The report of a run that a running build's unknown attributes stopped before it listed anything. */
    static OrphanReport deferred(boolean dryRun, long requests, Duration duration, Instant startedAt, SchemaSkew skew) {
        return new OrphanReport(dryRun, 0, 0, 0, 0, 0, 0, 0, 0, requests, duration, 0, List.of(), false,
                Optional.of(skew.describe()), Optional.empty(), 0, startedAt, Optional.of(skew), Optional.empty());
    }

    /**
     * The report of a run that stopped before its first call: the budget was at its reserve, or the pass waits for its
     * interval.
     */
    static OrphanReport idle(boolean dryRun, Instant startedAt, Optional<String> stoppedBecause, Optional<PassStep> pass) {
        return new OrphanReport(dryRun, 0, 0, 0, 0, 0, 0, 0, 0, 0, Duration.ZERO, 0, List.of(),
                stoppedBecause.isEmpty(), stoppedBecause, Optional.empty(), 0, startedAt, Optional.empty(), pass);
    }

    /** This report, telling how the run moved the pass. */
    OrphanReport withPass(PassStep step) {
        return new OrphanReport(dryRun, scanned, notOwned, referenced, excluded, tooYoung, deleted, kept, failed,
                requests, duration, orphanBytes, orphans, complete, stoppedBecause, guardTripped, orphansFound,
                startedAt, schemaSkew, Optional.of(step));
    }

    /** One line for logs. */
    public String summary() {
        StringBuilder line = new StringBuilder(dryRun ? "Orphan cleanup (dry run): " : "Orphan cleanup: ")
                .append(scanned).append(" own media files scanned (").append(notOwned).append(" others left alone), ")
                .append(referenced).append(" referenced, ")
                .append(excluded).append(" excluded, ").append(tooYoung).append(" too young, ")
                .append(deleted).append(dryRun ? " would be deleted (" : " deleted (").append(orphanBytes)
                .append(" bytes), ").append(kept).append(" kept after a last check, ").append(failed).append(" failed, ")
                .append(requests).append(" Admin API requests in ")
                .append(duration.toMillis()).append(" ms");
        guardTripped.ifPresent(reason -> line.append(dryRun ? "; a real run would stop: " : "; stopped: ").append(reason));
        stoppedBecause.ifPresent(reason -> line.append("; stopped early: ").append(reason));
        pass.ifPresent(step -> line.append("; ").append(step.describe()));
        return line.toString();
    }
}
