package io.quarkiverse.cloudinary.storage.config;

import java.util.List;
import java.util.Optional;
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

    /**
     * Metrics.
     */
    @ConfigDocSection
    Metrics metrics();

    interface Metrics {

        /**
         * Whether uploads, deletes, cleanups, the static upload and the Admin API budget are published as Micrometer
         * meters (`cloudinary.*`), when the application has the `quarkus-micrometer` extension.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /**
     * Quarkus REST.
     */
    @ConfigDocSection
    Rest rest();

    interface Rest {

        /**
         * Whether an application with Quarkus REST answers this extension's exceptions with the default mappers:
         * `InvalidMediaNameException`, `InvalidMediaContentException` and `MediaTooLargeException` with 400,
         * `CloudinaryNotFoundException` with 404, `CloudinaryRateLimitedException` with 503 and `Retry-After`, any
         * other `CloudinaryException` with 502; each with a JSON body `{"error": "..."}` that never carries
         * Cloudinary's own message. An exception mapper of the application for the same exception type wins over
         * them.
         */
        @WithDefault("true")
        boolean exceptionMappers();
    }

    interface StaticResourceTypes {

        /**
         * Whether the application's static resources (`META-INF/resources/**`) are content-hashed at build time and
         * put on Cloudinary. When off, no manifest is recorded and no static upload runs.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * Glob patterns of the static resources to hash and upload, relative to `META-INF/resources`, for example
         * `css/**,img/**`. All of them by default.
         */
        Optional<List<String>> includes();

        /**
         * Glob patterns of static resources left out, relative to `META-INF/resources`, for example `docs/**`.
         * Applied after `includes`. HTML pages are entry points the application serves itself, with URLs that must not
         * change, so they are left out by default.
         */
        @WithDefault("**.html,**.htm")
        List<String> excludes();

        /**
         * Folder in front of every static public id on Cloudinary: `css/site.css` becomes `static/css/site.<hash>.css`.
         * It decides the relative references written into hashed CSS, so it is fixed at build time. Empty for none.
         */
        @WithDefault("static")
        String prefix();

        /**
         * Whether the hashed files are also served by the application itself, under their hashed names
         * (`/css/site.<hash>.css`), with their CSS references pointing at the local hashed files.
         */
        @WithDefault("false")
        boolean serveHashedLocally();

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
