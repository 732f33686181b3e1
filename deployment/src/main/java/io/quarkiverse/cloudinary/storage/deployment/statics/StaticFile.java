package io.quarkiverse.cloudinary.storage.deployment.statics;

/**
 * A static resource as read from the application.
 *
 * @param path path under {@code META-INF/resources}, {@code /}-separated, no leading slash
 */
public record StaticFile(String path, byte[] content) {
}
