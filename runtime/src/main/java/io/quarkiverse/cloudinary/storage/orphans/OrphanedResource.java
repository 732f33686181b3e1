package io.quarkiverse.cloudinary.storage.orphans;

import java.time.Instant;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;

/**
 * A media file no {@code @CloudinaryFile} attribute references: deleted by a cleanup, or to be deleted in a dry run.
 *
 * @param publicId Cloudinary's public id (raw files keep their extension, images and videos carry none)
 * @param resourceType the Cloudinary resource type
 * @param bytes stored size
 * @param createdAt when Cloudinary stored it
 * @param url delivery URL of the original (signed when the delivery type needs it), for previews; a deleted file's
 *        URL no longer answers
 */
public record OrphanedResource(String publicId, CloudinaryResourceType resourceType, long bytes, Instant createdAt,
        String url) {
}
