package io.quarkiverse.cloudinary.storage.deployment.statics;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;

/**
 * A static resource with its content hash in its name.
 *
 * @param path original path under {@code META-INF/resources}
 * @param hashedPath {@code dir/name.<12 hex>.ext}
 * @param content what goes to Cloudinary: the original bytes, or CSS whose references name hashed files
 * @param localContent what is served locally under the hashed name: CSS references point at local hashed files
 * @param md5 MD5 of {@code content}, hex
 * @param rewritten whether {@code content} differs from the original bytes
 */
public record HashedStaticFile(String path, String hashedPath, CloudinaryResourceType resourceType, byte[] content,
        byte[] localContent, String md5, boolean rewritten) {
}
