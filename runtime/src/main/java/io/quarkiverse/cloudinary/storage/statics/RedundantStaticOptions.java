package io.quarkiverse.cloudinary.storage.statics;

import java.time.Duration;
import java.util.OptionalLong;

import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;

/**
 * How a cleanup of redundant static resources decides what stays.
 *
 * @param dryRun list what would be deleted, delete nothing
 * @param keepUnhashed keep the unhashed copies of the files of the kept manifests
 * @param keepPreviousDeployments how many recorded manifests besides the current one keep their files
 * @param keepYoungerThan files uploaded more recently than this stay whatever the manifests say
 * @param confirmedDeletes the number of deletes a person confirmed after a run that the guard stopped; it lets the run
 *        past the guard when it would delete exactly that many
 */
public record RedundantStaticOptions(boolean dryRun, boolean keepUnhashed, int keepPreviousDeployments,
        Duration keepYoungerThan, OptionalLong confirmedDeletes) {

    public RedundantStaticOptions(boolean dryRun, boolean keepUnhashed, int keepPreviousDeployments,
            Duration keepYoungerThan) {
        this(dryRun, keepUnhashed, keepPreviousDeployments, keepYoungerThan, OptionalLong.empty());
    }

    public RedundantStaticOptions {
        if (keepPreviousDeployments < 0) {
            throw new IllegalArgumentException("keepPreviousDeployments must not be negative: " + keepPreviousDeployments);
        }
        if (confirmedDeletes == null) {
            confirmedDeletes = OptionalLong.empty();
        }
        if (keepYoungerThan.isNegative()) {
            throw new IllegalArgumentException("keepYoungerThan must not be negative: " + keepYoungerThan);
        }
    }

    /** The configured options ({@code quarkus.cloudinary.static.cleanup.*}). */
    public static RedundantStaticOptions configured(CloudinaryRuntimeConfig.StaticResources config, boolean dryRun) {
        CloudinaryRuntimeConfig.StaticCleanup cleanup = config.cleanup();
        return new RedundantStaticOptions(dryRun, cleanup.keepUnhashed().orElse(config.uploadUnhashed()),
                cleanup.keepPreviousDeployments(), cleanup.keepYoungerThan());
    }

    public RedundantStaticOptions withDryRun(boolean dryRun) {
        return new RedundantStaticOptions(dryRun, keepUnhashed, keepPreviousDeployments, keepYoungerThan,
                confirmedDeletes);
    }

    /**
     * The same options, letting the run past its guard if it would delete exactly {@code deletes} files.
     *
     * @param deletes the number of files the refused report said the run would delete
     */
    public RedundantStaticOptions confirming(long deletes) {
        if (deletes < 0) {
            throw new IllegalArgumentException("confirmedDeletes must not be negative, got " + deletes);
        }
        return new RedundantStaticOptions(dryRun, keepUnhashed, keepPreviousDeployments, keepYoungerThan,
                OptionalLong.of(deletes));
    }
}
