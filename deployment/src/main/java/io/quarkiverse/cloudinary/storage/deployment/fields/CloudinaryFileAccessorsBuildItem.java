package io.quarkiverse.cloudinary.storage.deployment.fields;

import java.util.List;

import io.quarkus.builder.item.SimpleBuildItem;

/**
 * The classes generated to read and write {@code @CloudinaryFile} attributes without reflection: one accessor per
 * field, in the order of {@link CloudinaryFileFieldsBuildItem#fields()}, and the class that creates them all.
 */
public final class CloudinaryFileAccessorsBuildItem extends SimpleBuildItem {

    private final String tableClass;
    private final List<String> accessorClasses;

    public CloudinaryFileAccessorsBuildItem(String tableClass, List<String> accessorClasses) {
        this.tableClass = tableClass;
        this.accessorClasses = List.copyOf(accessorClasses);
    }

    /** A {@code Supplier<List<AttributeAccessor>>} answering a new accessor of each field. */
    public String tableClass() {
        return tableClass;
    }

    public List<String> accessorClasses() {
        return accessorClasses;
    }
}
