package io.quarkiverse.cloudinary.storage.deployment.statics;

import java.nio.file.Path;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;

/**
 * A static resource with its content hash in its name.
 *
 * @param path original path under {@code META-INF/resources}
 * @param hashedPath {@code dir/name.<12 hex>.ext}
 * @param bytes size of what goes to Cloudinary
 * @param md5 MD5 of what goes to Cloudinary, hex
 * @param styleSheet a style sheet as it goes to Cloudinary, its references naming hashed files; {@code null} for every
 *        other file, which goes as the application holds it
 * @param localStyleSheet a style sheet as served locally under the hashed name: references point at local hashed
 *        files; {@code null} for every other file
 * @param rewritten whether {@code styleSheet} differs from the original bytes
 * @param source the original file on disk, {@code null} when the application archive is not a directory
 */
public record HashedStaticFile(String path, String hashedPath, CloudinaryResourceType resourceType, long bytes,
        String md5, byte[] styleSheet, byte[] localStyleSheet, boolean rewritten, Path source) {
}
