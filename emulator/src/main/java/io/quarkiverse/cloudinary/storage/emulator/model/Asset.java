package io.quarkiverse.cloudinary.storage.emulator.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stored asset, as the emulator's resource model knows it. Immutable: an overwrite or a tag change replaces the
 * record.
 *
 * @param cloudName account the asset belongs to
 * @param resourceType {@code image}, {@code video} or {@code raw}
 * @param type delivery type: {@code upload}, {@code private} or {@code authenticated}
 * @param publicId full public id; raw ids keep their extension, image and video ids never carry one
 * @param format file format ({@code jpg}, {@code png}, {@code mp4}, ...); {@code null} for raw assets
 * @param version Unix seconds of the upload, strictly increasing per public id
 * @param assetId 32 hex characters, fixed for the life of the public id
 * @param versionId 32 hex characters, new for every stored version
 * @param bytes stored size
 * @param width pixels, images and videos only, else {@code null}
 * @param height pixels, images and videos only, else {@code null}
 * @param etag MD5 of the stored bytes, 32 lower-case hex characters
 * @param createdAt time of the upload, second precision
 * @param tags tags in insertion order
 * @param context the asset's custom context, key to value, in the order keys were first given
 * @param originalFilename uploaded file name without extension
 * @param blobKey key of the bytes in the {@link io.quarkiverse.cloudinary.storage.emulator.store.BlobStore}
 */
public record Asset(
        String cloudName,
        String resourceType,
        String type,
        String publicId,
        String format,
        long version,
        String assetId,
        String versionId,
        long bytes,
        Integer width,
        Integer height,
        String etag,
        Instant createdAt,
        List<String> tags,
        Map<String, String> context,
        String originalFilename,
        String blobKey) {

    public Asset {
        tags = List.copyOf(tags);
        // Map.copyOf would lose the order, which answers keep as clients gave it
        context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
    }

    public Asset withTags(List<String> newTags) {
        return new Asset(cloudName, resourceType, type, publicId, format, version, assetId, versionId, bytes, width,
                height, etag, createdAt, newTags, context, originalFilename, blobKey);
    }

    public Asset withContext(Map<String, String> newContext) {
        return new Asset(cloudName, resourceType, type, publicId, format, version, assetId, versionId, bytes, width,
                height, etag, createdAt, tags, newContext, originalFilename, blobKey);
    }

    public Asset withCreatedAt(Instant newCreatedAt) {
        return new Asset(cloudName, resourceType, type, publicId, format, version, assetId, versionId, bytes, width,
                height, etag, newCreatedAt, tags, context, originalFilename, blobKey);
    }

    /** The same bytes and metadata under another identity, as a new version. */
    public Asset movedTo(String newType, String newPublicId, long newVersion, String newVersionId) {
        return new Asset(cloudName, resourceType, newType, newPublicId, format, newVersion, assetId, newVersionId, bytes,
                width, height, etag, createdAt, tags, context, originalFilename, blobKey);
    }
}
