package io.quarkiverse.cloudinary.storage.deployment.orphans;

import io.quarkiverse.cloudinary.storage.orphans.OrphanCleanup;
import io.quarkiverse.cloudinary.storage.orphans.OrphanCleanupJob;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;

/** The orphan cleanup service and its scheduled job. */
class OrphanCleanupProcessor {

    /** Unremovable: the Dev UI and applications look the service up programmatically. */
    @BuildStep
    AdditionalBeanBuildItem orphanCleanupBeans() {
        return AdditionalBeanBuildItem.builder().addBeanClasses(OrphanCleanup.class, OrphanCleanupJob.class)
                .setUnremovable().build();
    }
}
