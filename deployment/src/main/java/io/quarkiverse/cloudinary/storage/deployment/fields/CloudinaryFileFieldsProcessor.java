package io.quarkiverse.cloudinary.storage.deployment.fields;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileField;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileRegistry;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFiles;
import io.quarkiverse.cloudinary.storage.runtime.CloudinaryFieldsRecorder;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;

/**
 * {@code @CloudinaryFile} fields: found once at build time, recorded for the runtime, which never scans.
 */
class CloudinaryFileFieldsProcessor {

    private static final Logger LOG = Logger.getLogger(CloudinaryFileFieldsProcessor.class);

    @BuildStep
    CloudinaryFileFieldsBuildItem findCloudinaryFileFields(CombinedIndexBuildItem index) {
        CloudinaryFileScanner scanner = new CloudinaryFileScanner(index.getIndex()).scan();
        if (!scanner.errors().isEmpty()) {
            throw new IllegalStateException("Misplaced @CloudinaryFile annotations:\n\t- "
                    + String.join("\n\t- ", scanner.errors()));
        }
        LOG.debugf("Found %d @CloudinaryFile attributes", scanner.fields().size());
        return new CloudinaryFileFieldsBuildItem(scanner.fields());
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem recordFieldRegistry(CloudinaryFieldsRecorder recorder, CloudinaryFileFieldsBuildItem fields) {
        return SyntheticBeanBuildItem.configure(CloudinaryFileRegistry.class)
                .scope(Singleton.class)
                .unremovable()
                .supplier(recorder.registry(fields.fields()))
                .done();
    }

    @BuildStep
    AdditionalBeanBuildItem fieldBeans() {
        return AdditionalBeanBuildItem.unremovableOf(CloudinaryFiles.class);
    }

    /** The files service reads and writes the fields reflectively, through accessors where Panache made them. */
    @BuildStep
    ReflectiveClassBuildItem fieldOwnersForReflection(CloudinaryFileFieldsBuildItem fields) {
        Set<String> classes = new LinkedHashSet<>();
        for (CloudinaryFileField field : fields.fields()) {
            classes.add(field.entityClass());
            classes.add(field.declaringClass());
        }
        return ReflectiveClassBuildItem.builder(classes.toArray(String[]::new)).fields().methods()
                .reason("@CloudinaryFile fields are set by CloudinaryFiles").build();
    }
}
