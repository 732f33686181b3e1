package io.quarkiverse.cloudinary.storage.devui;

import java.util.List;
import java.util.function.Function;

import io.quarkiverse.cloudinary.storage.orphans.OrphanReport;
import io.quarkiverse.cloudinary.storage.orphans.OrphanedResource;

/**
 * An {@link OrphanReport} as the Orphans page shows it: durations and instants as text, absent values as nulls.
 *
 * @param orphans the first orphans, with a thumbnail URL for images: deleted, or held when the guard tripped
 * @param guardTripped why the guard stopped the run, null when it did not: the page then asks for the number
 * @param pass how the run moved the reconciliation pass, null when it did not get to it
 */
public record OrphanReportView(
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
        String duration,
        long orphanBytes,
        List<Orphan> orphans,
        boolean complete,
        String stoppedBecause,
        String guardTripped,
        long orphansFound,
        String startedAt,
        String pass) {

    static OrphanReportView of(OrphanReport report, Function<OrphanedResource, String> thumbnails) {
        return new OrphanReportView(report.dryRun(), report.scanned(), report.notOwned(), report.referenced(),
                report.excluded(), report.tooYoung(), report.deleted(), report.kept(), report.failed(), report.requests(),
                DurationText.of(report.duration()), report.orphanBytes(),
                report.orphans().stream().map(o -> Orphan.of(o, thumbnails.apply(o))).toList(), report.complete(),
                report.stoppedBecause().orElse(null), report.guardTripped().orElse(null), report.orphansFound(),
                String.valueOf(report.startedAt()), report.pass().map(OrphanReport.PassStep::describe).orElse(null));
    }

    /**
     * @param thumbnailUrl a small derived image for image files, null for raw files and videos
     */
    public record Orphan(String publicId, String resourceType, long bytes, String createdAt, String url,
            String thumbnailUrl) {

        static Orphan of(OrphanedResource orphan, String thumbnailUrl) {
            return new Orphan(orphan.publicId(), orphan.resourceType().cloudinaryName(), orphan.bytes(),
                    String.valueOf(orphan.createdAt()), orphan.url(), thumbnailUrl);
        }
    }
}
