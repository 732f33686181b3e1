package io.quarkiverse.cloudinary.storage.it;

import java.util.List;

import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.config.CloudinaryBuildTimeConfig;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.leases.BuildLease;
import io.quarkiverse.cloudinary.storage.media.MediaDownloads;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkiverse.cloudinary.storage.statics.StaticAsset;
import io.quarkiverse.cloudinary.storage.statics.StaticManifest;
import io.quarkiverse.cloudinary.storage.statics.StaticResources;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;

/**
 * The application's {@link StaticResources} over another manifest, whose files a given class loader holds (a directory
 * or a jar), as the application's own class loader holds the recorded ones.
 */
public final class ClassLoaderStatics {

    private ClassLoaderStatics() {
    }

    public static StaticResources over(ClassLoader files, String recordsFolder, List<StaticAsset> assets) {
        ArcContainer beans = Arc.container();
        StaticManifest manifest = new StaticManifest("classloader0000000000", recordsFolder, assets);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // the upload reads files through the class loader current when its bean is made
        thread.setContextClassLoader(files);
        try {
            return new StaticResources(manifest, beans.instance(CloudinaryOperations.class).get(),
                    beans.instance(MediaDownloads.class).get(), beans.instance(CloudinaryRuntimeConfig.class).get(),
                    beans.instance(CloudinaryBuildTimeConfig.class).get(), beans.instance(StorageOwner.class).get(),
                    beans.instance(BuildLease.class).get());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
