package io.quarkiverse.cloudinary.storage.devui;

import java.util.List;

import io.quarkiverse.cloudinary.storage.statics.StaticUploadProgress;
import io.quarkiverse.cloudinary.storage.statics.StaticUploadReport;

/**
 * What the Static page shows before any action: the manifest, the upload in progress or the last one, and how
 * redundant static resources are chosen.
 *
 * @param lastUpload null before the first upload ends
 * @param maxDeletes the most files one cleanup deletes before a person confirms their number
 * @param maxDeleteRatio the largest share of the owned static files one cleanup deletes before a person confirms
 */
public record StaticStatusView(
        int manifestSize,
        String tag,
        String uploadMode,
        StaticUploadProgress progress,
        UploadView lastUpload,
        int keepPreviousDeployments,
        String keepYoungerThan,
        long maxDeletes,
        double maxDeleteRatio) {

    /** A {@link StaticUploadReport} with its duration and end time as text. */
    public record UploadView(int uploaded, int skipped, int failed, long bytes, String duration, long requests,
            List<String> failures, String finishedAt, String manifestId) {

        static UploadView of(StaticUploadReport report) {
            return new UploadView(report.uploaded(), report.skipped(), report.failed(), report.bytes(),
                    DurationText.of(report.duration()), report.requests(), report.failures(),
                    String.valueOf(report.finishedAt()), report.manifestId());
        }
    }
}
