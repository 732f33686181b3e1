package io.quarkiverse.cloudinary.storage.emulator.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps blobs on the heap: fast, and gone when the emulator stops. */
public final class MemoryBlobStore implements BlobStore {

    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();

    @Override
    public StoredBlob write(InputStream content) throws IOException {
        DigestInputStream digesting = new DigestInputStream(content, Digests.md5());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        digesting.transferTo(bytes);
        String key = UUID.randomUUID().toString();
        byte[] stored = bytes.toByteArray();
        blobs.put(key, stored);
        return new StoredBlob(key, stored.length, HexFormat.of().formatHex(digesting.getMessageDigest().digest()));
    }

    @Override
    public InputStream open(String key) throws IOException {
        return new ByteArrayInputStream(get(key));
    }

    @Override
    public long size(String key) throws IOException {
        return get(key).length;
    }

    @Override
    public void delete(String key) {
        blobs.remove(key);
    }

    @Override
    public void clear() {
        blobs.clear();
    }

    private byte[] get(String key) throws NoSuchFileException {
        byte[] bytes = blobs.get(key);
        if (bytes == null) {
            throw new NoSuchFileException(key);
        }
        return bytes;
    }
}
