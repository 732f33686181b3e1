package io.quarkiverse.cloudinary.storage.deployment.statics;

import java.util.List;

import io.quarkiverse.cloudinary.storage.statics.StaticAsset;
import io.quarkus.builder.item.SimpleBuildItem;

/** The manifest the runtime receives: original names to hashed files, their public ids and sizes. */
public final class StaticManifestBuildItem extends SimpleBuildItem {

    private final String id;
    private final String recordsFolder;
    private final List<StaticAsset> assets;

    public StaticManifestBuildItem(String id, String recordsFolder, List<StaticAsset> assets) {
        this.id = id;
        this.recordsFolder = recordsFolder;
        this.assets = List.copyOf(assets);
    }

    public String id() {
        return id;
    }

    public String recordsFolder() {
        return recordsFolder;
    }

    public List<StaticAsset> assets() {
        return assets;
    }
}
