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
    private final Map<String, AttributeAccessor> accessors;

    /**
     * @param accessors the accessor of each field, in the order of {@code fields}
     */
    public CloudinaryFileRegistry(List<CloudinaryFileField> fields, List<AttributeAccessor> accessors) {
        if (fields.size() != accessors.size()) {
            throw new IllegalArgumentException(fields.size() + " fields and " + accessors.size() + " accessors");
        }
        this.fields = List.copyOf(fields);
        Map<String, CloudinaryFileField> index = new HashMap<>();
        Map<String, AttributeAccessor> byKey = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            CloudinaryFileField field = fields.get(i);
            String key = key(field.entityClass(), field.attributePath());
            index.putIfAbsent(key, field);
            byKey.putIfAbsent(key, accessors.get(i));
        }
        this.byEntityAndPath = Map.copyOf(index);
        this.accessors = Map.copyOf(byKey);
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

    /** Reads and writes the field's attribute path on instances of its entity class and their subclasses. */
    public AttributeAccessor accessor(CloudinaryFileField field) {
        AttributeAccessor accessor = accessors.get(key(field.entityClass(), field.attributePath()));
        if (accessor == null) {
            throw new IllegalArgumentException(field.displayName() + " is not a field of this registry");
        }
        return accessor;
    }

    private static String key(String entityClass, String attributePath) {
        return entityClass + '#' + attributePath;
    }
}
