package io.quarkiverse.cloudinary.storage.deployment.statics;

import java.util.List;

import io.quarkus.builder.item.SimpleBuildItem;

/** The static resources with content-hashed names and rewritten style sheets. */
public final class HashedStaticFilesBuildItem extends SimpleBuildItem {

    private final List<HashedStaticFile> files;

    public HashedStaticFilesBuildItem(List<HashedStaticFile> files) {
        this.files = List.copyOf(files);
    }

    public List<HashedStaticFile> files() {
        return files;
    }
}
