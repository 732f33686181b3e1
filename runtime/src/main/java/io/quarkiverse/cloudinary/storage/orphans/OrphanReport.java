package io.quarkiverse.cloudinary.storage.orphans;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one orphan cleanup run saw and did. Every media file listed is counted once, in {@code referenced},
 * {@code excluded}, {@code tooYoung}, {@code deleted} or {@code failed}, or in none of them when the run stopped
 * before deciding (then {@code complete} is false and {@code stoppedBecause} says what is left) or when the file
 * vanished between the listing and the delete.
 *
 * @param dryRun whether the run only looked: then {@code deleted} and {@code orphans} are what a real run would delete
 * @param scanned media files listed
 * @param referenced listed files that an {@code @CloudinaryFile} attribute references (checked again right before
 *        each delete batch; a file found referenced then counts here)
 * @param excluded listed files under an excluded path
 * @param tooYoung listed files younger than the grace period
 * @param deleted orphans deleted (would be deleted, in a dry run)
 * @param failed orphans whose delete batch failed after its retries; they stay, and the next run tries again
 * @param requests Admin API requests made, retries included
 * @param duration wall time of the run
 * @param orphanBytes total size of the {@code deleted} files
 * @param orphans the first of the {@code deleted} files, at most {@code quarkus.cloudinary.orphans.report-limit}
 * @param complete whether every media file of every resource type that has annotated fields was listed and decided
 * @param stoppedBecause why the run ended early, and what it left for the next run
 * @param startedAt when the run started
 */
public record OrphanReport(
        boolean dryRun,
        long scanned,
        long referenced,
        long excluded,
        long tooYoung,
        long deleted,
        long failed,
        long requests,
        Duration duration,
        long orphanBytes,
        List<OrphanedResource> orphans,
        boolean complete,
        Optional<String> stoppedBecause,
        Instant startedAt) {

    public OrphanReport {
        orphans = List.copyOf(orphans);
    }

    /** One line for logs. */
    public String summary() {
        StringBuilder line = new StringBuilder(dryRun ? "Orphan cleanup (dry run): " : "Orphan cleanup: ")
                .append(scanned).append(" media files scanned, ").append(referenced).append(" referenced, ")
                .append(excluded).append(" excluded, ").append(tooYoung).append(" too young, ")
                .append(deleted).append(dryRun ? " would be deleted (" : " deleted (").append(orphanBytes)
                .append(" bytes), ").append(failed).append(" failed, ").append(requests).append(" Admin API requests in ")
                .append(duration.toMillis()).append(" ms");
        stoppedBecause.ifPresent(reason -> line.append("; stopped early: ").append(reason));
        return line.toString();
    }
}
