package io.quarkiverse.cloudinary.storage.deployment.statics;

import java.nio.file.Path;

/**
 * A static resource as the build found it: hashed while it was read, never held whole, except a style sheet the build
 * may rewrite.
 *
 * @param path path under {@code META-INF/resources}, {@code /}-separated, no leading slash
 * @param bytes its size
 * @param md5 MD5 of its content, hex
 * @param styleSheet the content of a style sheet of at most {@link StaticFilesScanProcessor#MAX_REWRITTEN_BYTES}, whose
 *        references the build rewrites; {@code null} for every other file
 * @param source the file on disk, {@code null} when the application archive is not a directory
 */
public record StaticFile(String path, long bytes, String md5, byte[] styleSheet, Path source) {
}
