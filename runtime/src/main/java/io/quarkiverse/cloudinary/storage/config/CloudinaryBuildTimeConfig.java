package io.quarkiverse.cloudinary.storage.config;

import java.util.Set;

import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Configuration fixed when the application is built: it decides what the build records.
 */
@ConfigMapping(prefix = "quarkus.cloudinary")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface CloudinaryBuildTimeConfig {

    /**
     * Static resources.
     */
    @ConfigDocSection
    @WithName("static")
    StaticResourceTypes staticResources();

    interface StaticResourceTypes {

        /**
         * Extensions of static files uploaded as Cloudinary `image` resources (so that they can be transformed).
         */
        @WithDefault("jpg,jpe,jpeg,jpc,jp2,j2k,wdp,jxr,hdp,png,gif,webp,bmp,tif,tiff,ico")
        Set<String> imageExtensions();

        /**
         * Extensions of static files uploaded as Cloudinary `video` resources. Every other static file is `raw`.
         */
        @WithDefault("mp4,webm,flv,mov,ogv,3gp,3g2,wmv,mpeg,mkv,avi")
        Set<String> videoExtensions();
    }
}
