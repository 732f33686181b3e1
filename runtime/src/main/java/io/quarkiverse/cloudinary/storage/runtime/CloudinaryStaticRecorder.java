package io.quarkiverse.cloudinary.storage.runtime;

import java.util.List;
import java.util.function.Supplier;

import io.quarkiverse.cloudinary.storage.statics.StaticAsset;
import io.quarkiverse.cloudinary.storage.statics.StaticManifest;
import io.quarkus.runtime.annotations.Recorder;

@Recorder
public class CloudinaryStaticRecorder {

    public Supplier<StaticManifest> manifest(String id, String recordsFolder, List<StaticAsset> assets) {
        return () -> new StaticManifest(id, recordsFolder, assets);
    }
}
