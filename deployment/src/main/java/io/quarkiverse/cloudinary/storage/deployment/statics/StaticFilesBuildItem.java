package io.quarkiverse.cloudinary.storage.deployment.statics;

import java.util.List;

import io.quarkus.builder.item.SimpleBuildItem;

/** The application's static resources selected for Cloudinary, as read from {@code META-INF/resources}. */
public final class StaticFilesBuildItem extends SimpleBuildItem {

    private final List<StaticFile> files;

    public StaticFilesBuildItem(List<StaticFile> files) {
        this.files = List.copyOf(files);
    }

    public List<StaticFile> files() {
        return files;
    }
}
