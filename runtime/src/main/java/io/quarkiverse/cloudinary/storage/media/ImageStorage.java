package io.quarkiverse.cloudinary.storage.media;

import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;

/**
 * Stores images. The default media storage: inject {@code CloudinaryStorage} or {@code ImageStorage}.
 *
 * <pre>
 * &#64;Inject
 * ImageStorage storage;
 *
 * String stored = storage.save("avatars/" + userId + ".jpg", fileUpload);
 * </pre>
 */
@Singleton
@Typed({ ImageStorage.class, CloudinaryStorage.class })
public class ImageStorage extends CloudinaryStorage {

    public ImageStorage(CloudinaryOperations operations, MediaDownloads downloads, CloudinaryRuntimeConfig config,
            StorageOwner owner) {
        super(CloudinaryResourceType.IMAGE, config.media().deliveryType(), operations, downloads, config.media(), owner);
    }
}
