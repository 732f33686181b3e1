package io.quarkiverse.cloudinary.storage.statics;

import java.util.List;
import java.util.Optional;

/**
 * What a cleanup of redundant static resources deleted, or would delete in a dry run.
 *
 * @param dryRun whether nothing was deleted
 * @param deleted public ids deleted, or that a real run would delete
 * @param kept static resources left in place
 * @param keptForPreviousDeployments how many of those were kept only because a previous deployment lists them
 * @param keptAsRecent how many were kept only because they are younger than the configured age
 * @param requests calls made to Cloudinary
 * @param notOwned static resources of other owners (applications, environments) or without an owner mark, never
 *        deleted here; counted apart from {@code kept}
 * @param keptForOtherOwners how many of this owner's files were kept because another owner's recorded manifest lists
 *        them (the same hashed file serves several environments)
 * @param guardTripped why the blast-radius guard stopped the run before its first delete (in a dry run: why it would)
 * @param held what the guard kept that the run would have deleted
 * @param stoppedBecause why the run stopped deleting early, keeping the rest
 * @param keptForLiveBuilds how many of this owner's files were kept only because a running build (its lease is
 *        fresh) lists them, beyond the kept previous deployments
 * @param liveBuilds the ids of this owner's builds whose leases were fresh when the run listed them
 */
public record RedundantStaticReport(
        boolean dryRun,
        List<String> deleted,
        int kept,
        int keptForPreviousDeployments,
        int keptAsRecent,
        long requests,
        int notOwned,
        int keptForOtherOwners,
        Optional<String> guardTripped,
        List<String> held,
        Optional<String> stoppedBecause,
        int keptForLiveBuilds,
        List<String> liveBuilds) {

    public RedundantStaticReport {
        deleted = List.copyOf(deleted);
        held = List.copyOf(held);
        liveBuilds = List.copyOf(liveBuilds);
    }
}
