package io.quarkiverse.cloudinary.storage.deployment.fields;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.inject.Singleton;

import org.jboss.jandex.AnnotationTarget;
import org.jboss.logging.Logger;

import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileField;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileRegistry;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFiles;
import io.quarkiverse.cloudinary.storage.runtime.CloudinaryFieldsRecorder;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.ExcludedTypeBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
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
    CloudinaryFileFieldsBuildItem findCloudinaryFileFields(CombinedIndexBuildItem index, Capabilities capabilities) {
        if (capabilities.isMissing(Capability.HIBERNATE_ORM)) {
            List<String> places = index.getIndex().getAnnotations(CloudinaryFileScanner.CLOUDINARY_FILE).stream()
                    .map(annotation -> annotation.target().kind() == AnnotationTarget.Kind.FIELD
                            ? annotation.target().asField().declaringClass().name() + "."
                                    + annotation.target().asField().name()
                            : annotation.target().toString())
                    .sorted().toList();
            if (!places.isEmpty()) {
                throw new IllegalStateException("@CloudinaryFile marks attributes of Hibernate ORM entities, and this"
                        + " application has no Hibernate ORM: add quarkus-hibernate-orm-panache (or"
                        + " quarkus-hibernate-orm), or store through ImageStorage, RawStorage and VideoStorage."
                        + " Annotated:\n\t- " + String.join("\n\t- ", places));
            }
            return new CloudinaryFileFieldsBuildItem(List.of());
        }
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

    /**
     * Storing into an entity joins its transaction: without Hibernate ORM (and so without its transactions) the
     * service is no bean, and out of bean discovery so that nothing loads it.
     */
    @BuildStep
    void fieldBeans(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<ExcludedTypeBuildItem> excluded) {
        if (capabilities.isPresent(Capability.HIBERNATE_ORM)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(CloudinaryFiles.class));
        } else {
            excluded.produce(new ExcludedTypeBuildItem(CloudinaryFiles.class.getName()));
        }
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
