package io.quarkiverse.cloudinary.storage.deployment.orphans;

import java.util.ArrayList;
import java.util.List;

import io.quarkiverse.cloudinary.storage.orphans.CandidateCleanup;
import io.quarkiverse.cloudinary.storage.orphans.CandidateCleanupJob;
import io.quarkiverse.cloudinary.storage.orphans.CandidateRecording;
import io.quarkiverse.cloudinary.storage.orphans.OrphanCleanup;
import io.quarkiverse.cloudinary.storage.orphans.OrphanCleanupJob;
import io.quarkiverse.cloudinary.storage.runtime.CloudinaryRecorder;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.ExcludedTypeBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;

/**
 * The orphan cleanup service, which asks the database through Hibernate ORM, and its job, which the scheduler runs:
 * each is a bean only when the application has what it needs, and is kept out of bean discovery otherwise, so that an
 * application without them never loads a class that refers to them.
 */
class OrphanCleanupProcessor {

    /** Unremovable: the Dev UI and applications look the service up programmatically. */
    @BuildStep
    void orphanCleanupBeans(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<ExcludedTypeBuildItem> excluded) {
        List<Class<?>> present = new ArrayList<>();
        for (Class<?> needsOrm : List.of(OrphanCleanup.class, CandidateRecording.class, CandidateCleanup.class)) {
            if (capabilities.isPresent(Capability.HIBERNATE_ORM)) {
                present.add(needsOrm);
            } else {
                excluded.produce(new ExcludedTypeBuildItem(needsOrm.getName()));
            }
        }
        for (Class<?> job : List.of(OrphanCleanupJob.class, CandidateCleanupJob.class)) {
            if (capabilities.isPresent(Capability.HIBERNATE_ORM) && capabilities.isPresent(Capability.SCHEDULER)) {
                present.add(job);
            } else {
                excluded.produce(new ExcludedTypeBuildItem(job.getName()));
            }
        }
        if (!present.isEmpty()) {
            beans.produce(AdditionalBeanBuildItem.builder().addBeanClasses(present.toArray(Class<?>[]::new))
                    .setUnremovable().build());
        }
    }

    /** A cron that nothing can run would be a silent no-op: the application says so when it starts. */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void warnOfACronWithoutTheScheduler(Capabilities capabilities, CloudinaryRecorder recorder) {
        if (capabilities.isPresent(Capability.HIBERNATE_ORM) && capabilities.isMissing(Capability.SCHEDULER)) {
            recorder.warnIfOrphanCronIsSet();
        }
    }
}
