package io.quarkiverse.cloudinary.storage.statics;

import java.time.Instant;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;

/**
 * A static resource as Cloudinary's listing by tag describes it.
 *
 * @param etag MD5 of the stored content when the listing carries it, else {@code null}
 * @param createdAt upload time, {@code null} when the listing has none (cleanup then treats it as recent)
 * @param ownerMark the owner mark it carries, {@code null} when it carries none
 */
record UploadedStatic(CloudinaryResourceType resourceType, String publicId, long bytes, String etag, Instant createdAt,
        String ownerMark) {
}
