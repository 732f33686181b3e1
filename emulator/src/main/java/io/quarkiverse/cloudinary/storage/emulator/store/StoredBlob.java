package io.quarkiverse.cloudinary.storage.emulator.store;

/**
 * What a {@link BlobStore} reports about bytes it has just stored.
 *
 * @param key opaque key to read or delete the bytes later
 * @param size number of bytes
 * @param md5Hex MD5 of the bytes, 32 lower-case hex characters (Cloudinary's etag)
 */
public record StoredBlob(String key, long size, String md5Hex) {
}
