package io.quarkiverse.cloudinary.storage.fields;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;

/**
 * Every {@link io.quarkiverse.cloudinary.storage.CloudinaryFile} attribute of the application, recorded at build time:
 * the runtime never scans the classpath.
 */
public final class CloudinaryFileRegistry {

    private final List<CloudinaryFileField> fields;

    public CloudinaryFileRegistry(List<CloudinaryFileField> fields) {
        this.fields = List.copyOf(fields);
    }

    public List<CloudinaryFileField> fields() {
        return fields;
    }

    /** The fields holding files of one resource type. */
    public List<CloudinaryFileField> fields(CloudinaryResourceType type) {
        return fields.stream().filter(f -> f.type() == type).toList();
    }

    /** The resource types that at least one field holds. */
    public Set<CloudinaryResourceType> resourceTypes() {
        return fields.stream().map(CloudinaryFileField::type).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The field of an entity (or one of its superclasses) at an attribute path.
     */
    public Optional<CloudinaryFileField> field(Class<?> entityClass, String attributePath) {
        for (Class<?> type = entityClass; type != null && type != Object.class; type = type.getSuperclass()) {
            String name = type.getName();
            Optional<CloudinaryFileField> found = fields.stream()
                    .filter(f -> f.entityClass().equals(name) && f.attributePath().equals(attributePath))
                    .findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
