package io.quarkiverse.cloudinary.storage.deployment.fields;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import org.jboss.jandex.AnnotationTarget;
import org.jboss.logging.Logger;

import io.quarkiverse.cloudinary.storage.fields.AttributeAccessor;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileField;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileRegistry;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFiles;
import io.quarkiverse.cloudinary.storage.runtime.CloudinaryFieldsRecorder;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.ExcludedTypeBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.GeneratedClassGizmoAdaptor;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.GeneratedClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.recording.RecorderContext;
import io.quarkus.gizmo.ClassCreator;
import io.quarkus.gizmo.ClassOutput;
import io.quarkus.gizmo.MethodCreator;
import io.quarkus.gizmo.MethodDescriptor;
import io.quarkus.gizmo.ResultHandle;
import io.quarkus.runtime.RuntimeValue;

/**
 * {@code @CloudinaryFile} fields: found once at build time, recorded for the runtime, which never scans.
 */
class CloudinaryFileFieldsProcessor {

    private static final Logger LOG = Logger.getLogger(CloudinaryFileFieldsProcessor.class);
    static final String ACCESSOR_TABLE = "io.quarkiverse.cloudinary.storage.fields.GeneratedAttributeAccessors";
    // a runtime class of the Panache module that gives public fields of entities their getters and setters
    private static final String PANACHE_ACCESSORS_MARKER = "io.quarkus.panache.hibernate.common.runtime.PanacheJpaUtil";

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

    /**
     * One accessor class per field, in the entity's package so that it may use what the package may, and a table
     * that creates them with {@code new}: storing into a field then uses plain calls, in a native executable too.
     */
    @BuildStep
    CloudinaryFileAccessorsBuildItem generateAccessors(CloudinaryFileFieldsBuildItem fields, CombinedIndexBuildItem index,
            BuildProducer<GeneratedClassBuildItem> generatedClasses) {
        ClassOutput output = new GeneratedClassGizmoAdaptor(generatedClasses, true);
        AttributeAccessorGenerator generator = new AttributeAccessorGenerator(index.getIndex(),
                QuarkusClassLoader.isClassPresentAtRuntime(PANACHE_ACCESSORS_MARKER));
        List<String> accessors = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < fields.fields().size(); i++) {
            CloudinaryFileField field = fields.fields().get(i);
            String className = field.entityClass() + "$$CloudinaryFileAccessor" + i;
            try {
                generator.generate(output, className, field);
                accessors.add(className);
            } catch (IllegalStateException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("@CloudinaryFile attributes that cannot be read and written:\n\t- "
                    + String.join("\n\t- ", errors));
        }
        try (ClassCreator table = ClassCreator.builder().classOutput(output).className(ACCESSOR_TABLE)
                .interfaces(Supplier.class).build()) {
            MethodCreator get = table.getMethodCreator("get", Object.class);
            ResultHandle list = get.newInstance(MethodDescriptor.ofConstructor(ArrayList.class));
            for (String accessor : accessors) {
                get.invokeInterfaceMethod(MethodDescriptor.ofMethod(List.class, "add", boolean.class, Object.class), list,
                        get.newInstance(MethodDescriptor.ofConstructor(accessor)));
            }
            get.returnValue(list);
        }
        LOG.debugf("Generated %d @CloudinaryFile accessors", accessors.size());
        return new CloudinaryFileAccessorsBuildItem(ACCESSOR_TABLE, accessors);
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem recordFieldRegistry(CloudinaryFieldsRecorder recorder, RecorderContext context,
            CloudinaryFileFieldsBuildItem fields, CloudinaryFileAccessorsBuildItem accessors) {
        RuntimeValue<Supplier<List<AttributeAccessor>>> table = context.newInstance(accessors.tableClass());
        return SyntheticBeanBuildItem.configure(CloudinaryFileRegistry.class)
                .scope(Singleton.class)
                .unremovable()
                .supplier(recorder.registry(fields.fields(), table))
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

    /**
     * Orphan cleanup finds the persistence unit of a field's entity by loading the class by name; its fields and
     * methods are reached through the generated accessors, not reflection.
     */
    @BuildStep
    ReflectiveClassBuildItem entityClassesLoadedByName(CloudinaryFileFieldsBuildItem fields) {
        Set<String> classes = new LinkedHashSet<>();
        for (CloudinaryFileField field : fields.fields()) {
            classes.add(field.entityClass());
        }
        return ReflectiveClassBuildItem.builder(classes.toArray(String[]::new))
                .reason("ReferenceQueries loads @CloudinaryFile entities by name").build();
    }
}
