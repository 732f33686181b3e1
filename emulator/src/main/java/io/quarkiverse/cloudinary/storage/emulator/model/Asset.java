package io.quarkiverse.cloudinary.storage.emulator.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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
 * @param tags tags, sorted and without repeats, as Cloudinary answers them
 * @param context the asset's custom context, key to value, in the order keys were first given
 * @param originalFilename uploaded file name without extension
 * @param blobKey key of the bytes in the {@link io.quarkiverse.cloudinary.storage.emulator.store.BlobStore}
 * @param metadata structured metadata values by field external id: a {@link String} (string, date and enum
 *        fields), a {@link Long} (integer fields) or a {@link List} of datasource entry ids (set fields)
 * @param accessMode {@code public} or {@code authenticated}
 * @param derived the derived versions made by eager transformations
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
        String blobKey,
        Map<String, Object> metadata,
        String accessMode,
        List<Derived> derived) {

    public static final String PUBLIC = "public";

    public Asset {
        tags = List.copyOf(new TreeSet<>(tags));
        // Map.copyOf would lose the order, which answers keep as clients gave it
        context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
        Map<String, Object> values = new LinkedHashMap<>();
        metadata.forEach((field, value) -> values.put(field, value instanceof List<?> list ? List.copyOf(list) : value));
        metadata = Collections.unmodifiableMap(values);
        accessMode = accessMode == null ? PUBLIC : accessMode;
        derived = List.copyOf(derived);
    }

    /** An asset without structured metadata or derived versions, public. */
    public Asset(String cloudName, String resourceType, String type, String publicId, String format, long version,
            String assetId, String versionId, long bytes, Integer width, Integer height, String etag, Instant createdAt,
            List<String> tags, Map<String, String> context, String originalFilename, String blobKey) {
        this(cloudName, resourceType, type, publicId, format, version, assetId, versionId, bytes, width, height, etag,
                createdAt, tags, context, originalFilename, blobKey, Map.of(), PUBLIC, List.of());
    }

    public Asset withTags(List<String> newTags) {
        return new Asset(cloudName, resourceType, type, publicId, format, version, assetId, versionId, bytes, width,
                height, etag, createdAt, newTags, context, originalFilename, blobKey, metadata, accessMode, derived);
    }

    public Asset withContext(Map<String, String> newContext) {
        return new Asset(cloudName, resourceType, type, publicId, format, version, assetId, versionId, bytes, width,
                height, etag, createdAt, tags, newContext, originalFilename, blobKey, metadata, accessMode, derived);
    }

    public Asset withMetadata(Map<String, Object> newMetadata) {
        return new Asset(cloudName, resourceType, type, publicId, format, version, assetId, versionId, bytes, width,
                height, etag, createdAt, tags, context, originalFilename, blobKey, newMetadata, accessMode, derived);
    }

    /** The derived versions, one per transformation: a new one replaces an older one of the same transformation. */
    public Asset withDerived(List<Derived> added) {
        Map<String, Derived> byTransformation = new LinkedHashMap<>();
        for (Derived d : derived) {
            byTransformation.put(d.transformation(), d);
        }
        for (Derived d : added) {
            byTransformation.remove(d.transformation());
            byTransformation.put(d.transformation(), d);
        }
        return new Asset(cloudName, resourceType, type, publicId, format, version, assetId, versionId, bytes, width,
                height, etag, createdAt, tags, context, originalFilename, blobKey, metadata, accessMode,
                new ArrayList<>(byTransformation.values()));
    }

    public Asset withCreatedAt(Instant newCreatedAt) {
        return new Asset(cloudName, resourceType, type, publicId, format, version, assetId, versionId, bytes, width,
                height, etag, newCreatedAt, tags, context, originalFilename, blobKey, metadata, accessMode, derived);
    }

    /** The same bytes and metadata under another identity, as a new version. */
    public Asset movedTo(String newType, String newPublicId, long newVersion, String newVersionId) {
        return new Asset(cloudName, resourceType, newType, newPublicId, format, newVersion, assetId, newVersionId, bytes,
                width, height, etag, createdAt, tags, context, originalFilename, blobKey, metadata, accessMode,
                derived);
    }

    /** Whether delivering the original needs a signed URL: authenticated type, or {@code access_mode=authenticated}. */
    public boolean authenticatedAccess() {
        return type.equals("authenticated") || accessMode.equals("authenticated");
    }
}
