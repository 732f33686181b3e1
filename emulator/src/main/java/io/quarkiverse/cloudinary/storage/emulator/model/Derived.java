package io.quarkiverse.cloudinary.storage.emulator.model;

/**
 * A derived version of an asset, made by an eager transformation.
 *
 * @param id 32 hex characters
 * @param transformation the transformation as given, for example {@code c_fill,h_100,w_100} or
 *        {@code c_scale,w_50/png}
 * @param format the derived file's format
 * @param bytes its size
 * @param width its width in pixels
 * @param height its height in pixels
 */
public record Derived(String id, String transformation, String format, long bytes, int width, int height) {
}
