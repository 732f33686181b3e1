package io.quarkiverse.cloudinary.storage.media;

import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;

/**
 * Stores raw files (documents, archives, anything): their public ids keep the extension.
 *
 * <pre>
 * &#64;Inject
 * RawStorage storage;
 *
 * String stored = storage.save("reports/2026.pdf", fileUpload);
 * </pre>
 */
@Singleton
@Typed({ RawStorage.class })
public class RawStorage extends CloudinaryStorage {

    public RawStorage(CloudinaryOperations operations, MediaDownloads downloads, CloudinaryRuntimeConfig config,
            StorageOwner owner) {
        super(CloudinaryResourceType.RAW, config.media().deliveryType(), operations, downloads, config.media(), owner);
    }
}
