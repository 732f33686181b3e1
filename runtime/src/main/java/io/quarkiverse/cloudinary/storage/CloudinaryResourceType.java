package io.quarkiverse.cloudinary.storage;

import java.util.Locale;

/**
 * Cloudinary's kinds of asset. The kind decides the URL, which transformations apply, and whether the public id keeps
 * the file's extension (raw) or not (image, video).
 */
public enum CloudinaryResourceType {
    IMAGE,
    RAW,
    VIDEO;

    /** The name Cloudinary uses in URLs and API calls. */
    public String cloudinaryName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the public id carries the extension, as Cloudinary does for raw files only. */
    public boolean keepsExtensionInPublicId() {
        return this == RAW;
    }
}
