package io.quarkiverse.cloudinary.storage.metrics;

import java.time.Duration;

import io.quarkiverse.cloudinary.storage.CloudinaryBadRequestException;
import io.quarkiverse.cloudinary.storage.CloudinaryNetworkException;
import io.quarkiverse.cloudinary.storage.CloudinaryNotFoundException;
import io.quarkiverse.cloudinary.storage.CloudinaryRateLimitedException;
import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.CloudinaryServerException;
import io.quarkiverse.cloudinary.storage.CloudinaryTimeoutException;
import io.quarkiverse.cloudinary.storage.CloudinaryUnauthorizedException;
import io.quarkiverse.cloudinary.storage.orphans.OrphanReport;
import io.quarkiverse.cloudinary.storage.orphans.ReconciliationProgress;
import io.quarkiverse.cloudinary.storage.statics.RedundantStaticReport;
import io.quarkiverse.cloudinary.storage.statics.StaticUploadReport;

/**
 * What the storages, the cleanups and the static upload report to metrics. With {@code quarkus-micrometer} in the
 * application these become Micrometer meters ({@code cloudinary.uploads}, ...); without it, nothing is recorded, and
 * nothing here needs Micrometer's classes.
 */
public interface CloudinaryMetrics {

    /** Records nothing. */
    CloudinaryMetrics NONE = new CloudinaryMetrics() {
    };

    /** A media file was stored, {@code bytes} long. */
    default void uploaded(CloudinaryResourceType type, long bytes, Duration took) {
    }

    default void uploadFailed(CloudinaryResourceType type, Throwable failure, Duration took) {
    }

    /** A media file was deleted, or there was nothing to delete under the name. */
    default void deleted(CloudinaryResourceType type, boolean existed, Duration took) {
    }

    default void deleteFailed(CloudinaryResourceType type, Throwable failure, Duration took) {
    }

    default void orphanCleanup(OrphanReport report) {
    }

    /** Where the reconciliation pass stands after a run moved it, or a scheduled run found it waiting. */
    default void reconciliation(ReconciliationProgress progress) {
    }

    default void staticCleanup(RedundantStaticReport report) {
    }

    /** A cleanup run ended with an exception instead of a report. */
    default void cleanupFailed(String cleanup, Throwable failure) {
    }

    default void staticUpload(StaticUploadReport report) {
    }

    /** The failure kind metrics are tagged with: one word per typed exception. */
    static String failureKind(Throwable failure) {
        if (failure instanceof CloudinaryTimeoutException) {
            return "timeout";
        }
        if (failure instanceof CloudinaryNetworkException) {
            return "network";
        }
        if (failure instanceof CloudinaryRateLimitedException) {
            return "rate_limited";
        }
        if (failure instanceof CloudinaryUnauthorizedException) {
            return "unauthorized";
        }
        if (failure instanceof CloudinaryNotFoundException) {
            return "not_found";
        }
        if (failure instanceof CloudinaryBadRequestException) {
            return "bad_request";
        }
        if (failure instanceof CloudinaryServerException) {
            return "server_error";
        }
        // refused before any request: a name, a content type, a size
        if (failure instanceof IllegalArgumentException || failure.getClass().getSimpleName().startsWith("Invalid")) {
            return "invalid";
        }
        return "other";
    }
}
