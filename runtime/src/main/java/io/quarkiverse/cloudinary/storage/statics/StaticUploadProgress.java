package io.quarkiverse.cloudinary.storage.statics;

/**
 * Where the static upload stands.
 *
 * @param running whether an upload is in progress
 * @param done files handled so far (uploaded, skipped or failed) by the running or the last upload
 * @param total files the running or the last upload handles
 */
public record StaticUploadProgress(boolean running, int done, int total) {
}
