package io.quarkiverse.cloudinary.storage.statics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one static upload did.
 *
 * @param uploaded files sent to Cloudinary
 * @param skipped files already there with the same content
 * @param failed files that could not be sent, after retries
 * @param bytes bytes sent
 * @param duration wall time of the whole run, listing included
 * @param requests calls made to Cloudinary, listings, uploads and retries included
 * @param failures one line per failed file, saying which and why
 * @param finishedAt when the run ended
 * @param manifestId the manifest the run uploaded
 */
public record StaticUploadReport(
        int uploaded,
        int skipped,
        int failed,
        long bytes,
        Duration duration,
        long requests,
        List<String> failures,
        Instant finishedAt,
        String manifestId) {

    public StaticUploadReport {
        failures = List.copyOf(failures);
    }

    /** Whether every file is on Cloudinary. */
    public boolean successful() {
        return failed == 0;
    }
}
