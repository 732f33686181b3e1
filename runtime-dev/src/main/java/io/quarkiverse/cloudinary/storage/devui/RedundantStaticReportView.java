package io.quarkiverse.cloudinary.storage.devui;

import java.util.List;

import io.quarkiverse.cloudinary.storage.statics.RedundantStaticReport;

/**
 * A {@link RedundantStaticReport} as the Static resources page shows it: absent values as nulls.
 *
 * @param deleted public ids deleted, or that a real run would delete in a dry run
 * @param guardTripped why the guard stopped the run before its first delete (in a dry run: why a real run would), null
 *        when it did not: the page then offers to confirm the number of {@code held} files
 * @param held what the guard kept that the run would have deleted
 * @param stoppedBecause why the run stopped deleting early, null when it did not
 */
public record RedundantStaticReportView(
        boolean dryRun,
        List<String> deleted,
        int kept,
        int keptForPreviousDeployments,
        int keptAsRecent,
        int keptForOtherOwners,
        int notOwned,
        long requests,
        String guardTripped,
        List<String> held,
        String stoppedBecause) {

    static RedundantStaticReportView of(RedundantStaticReport report) {
        return new RedundantStaticReportView(report.dryRun(), report.deleted(), report.kept(),
                report.keptForPreviousDeployments(), report.keptAsRecent(), report.keptForOtherOwners(),
                report.notOwned(), report.requests(), report.guardTripped().orElse(null), report.held(),
                report.stoppedBecause().orElse(null));
    }
}
