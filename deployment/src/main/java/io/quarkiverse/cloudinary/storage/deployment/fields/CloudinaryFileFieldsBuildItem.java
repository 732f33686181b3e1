package io.quarkiverse.cloudinary.storage.deployment.fields;

import java.util.List;

import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileField;
import io.quarkus.builder.item.SimpleBuildItem;

/** Every persistent attribute marked {@code @CloudinaryFile}, resolved to the entities that own it. */
public final class CloudinaryFileFieldsBuildItem extends SimpleBuildItem {

    private final List<CloudinaryFileField> fields;

    public CloudinaryFileFieldsBuildItem(List<CloudinaryFileField> fields) {
        this.fields = List.copyOf(fields);
    }

    public List<CloudinaryFileField> fields() {
        return fields;
    }
}
