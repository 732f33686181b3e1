package io.quarkiverse.cloudinary.storage.emulator.store;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where the emulator keeps asset bytes. Knows nothing of assets, HTTP or Cloudinary: bytes in, a key out.
 * Implementations are thread-safe.
 */
public interface BlobStore extends AutoCloseable {

    /**
     * Stores everything {@code content} yields, streaming: implementations must not require the whole content in
     * memory unless they are memory stores. The stream is not closed.
     */
    StoredBlob write(InputStream content) throws IOException;

    /**
     * @throws java.nio.file.NoSuchFileException when no bytes are stored under {@code key}
     */
    InputStream open(String key) throws IOException;

    /**
     * @throws java.nio.file.NoSuchFileException when no bytes are stored under {@code key}
     */
    long size(String key) throws IOException;

    /** Removes the bytes; a missing key is not an error. */
    void delete(String key) throws IOException;

    /** Removes every stored blob. */
    void clear() throws IOException;

    @Override
    default void close() throws IOException {
    }
}
