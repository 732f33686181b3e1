package io.quarkiverse.cloudinary.storage.statics;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;

/**
 * One static resource as the build hashed it.
 *
 * @param originalName path under {@code META-INF/resources}, for example {@code css/site.css}
 * @param hashedName the same path with the content hash before the extension: {@code css/site.0123456789ab.css}
 * @param resourceType decided by the configured image and video extensions
 * @param publicId public id of the hashed file on Cloudinary (prefix included; no extension for images and videos)
 * @param unhashedPublicId public id of the unhashed copy, uploaded only when configured
 * @param format extension Cloudinary serves images and videos with, empty for raw files
 * @param bytes size of the content that is uploaded
 * @param md5 MD5 of that content, as Cloudinary reports it in ETags
 * @param classpathResource where that content is on the class path (CSS with rewritten references is generated)
 */
public record StaticAsset(
        String originalName,
        String hashedName,
        CloudinaryResourceType resourceType,
        String publicId,
        String unhashedPublicId,
        String format,
        long bytes,
        String md5,
        String classpathResource) {
}
