package io.quarkiverse.cloudinary.storage.statics;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig.StaticUploadMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Checks the static configuration at startup, then starts the static upload once the application is up, without making
 * startup wait for it.
 */
@Singleton
public class StaticUploadOnStart {

    void onStart(@Observes StartupEvent event, CloudinaryRuntimeConfig config, StaticResources resources) {
        // creating the bean checks its configuration: a mistake stops startup, whatever the upload mode
        int files = resources.manifestSize();
        if (resources.uploadMode() == StaticUploadMode.ON_START && files > 0) {
            resources.uploadInBackground();
        }
    }
}
