package io.quarkiverse.cloudinary.storage.fields;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    // templates ask for a field at every URL they render: one lookup, not a walk over every field
    private final Map<String, CloudinaryFileField> byEntityAndPath;

    public CloudinaryFileRegistry(List<CloudinaryFileField> fields) {
        this.fields = List.copyOf(fields);
        Map<String, CloudinaryFileField> index = new HashMap<>();
        for (CloudinaryFileField field : this.fields) {
            index.putIfAbsent(key(field.entityClass(), field.attributePath()), field);
        }
        this.byEntityAndPath = Map.copyOf(index);
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
            CloudinaryFileField found = byEntityAndPath.get(key(type.getName(), attributePath));
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    private static String key(String entityClass, String attributePath) {
        return entityClass + '#' + attributePath;
    }
}
