package io.quarkiverse.cloudinary.storage.statics;

import java.util.List;

/**
 * What a cleanup of redundant static resources deleted, or would delete in a dry run.
 *
 * @param dryRun whether nothing was deleted
 * @param deleted public ids deleted, or that a real run would delete
 * @param kept static resources left in place
 * @param keptForPreviousDeployments how many of those were kept only because a previous deployment lists them
 * @param keptAsRecent how many were kept only because they are younger than the configured age
 * @param requests calls made to Cloudinary
 */
public record RedundantStaticReport(
        boolean dryRun,
        List<String> deleted,
        int kept,
        int keptForPreviousDeployments,
        int keptAsRecent,
        long requests) {

    public RedundantStaticReport {
        deleted = List.copyOf(deleted);
    }
}
