package io.quarkiverse.cloudinary.storage.emulator.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;

/**
 * Where the emulator keeps asset bytes. Knows nothing of assets, HTTP or Cloudinary: bytes in, a key out.
 * Implementations are thread-safe.
 */
public interface BlobStore extends AutoCloseable {

    /**
     * Stores everything {@code content} yields, streaming: implementations must not require the whole content in
     * memory unless they are memory stores. The stream is not closed.
     *
     * @throws StoreFullException when a bounded store has no room left; nothing of the content is kept
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

    /**
     * Stores the bytes of these blobs one after the other as one new blob, and removes them, as the last chunk of a
     * chunked upload needs. This implementation copies; stores that can join without copying do so.
     */
    default StoredBlob concatenate(List<String> keys) throws IOException {
        Iterator<String> parts = keys.iterator();
        // each part is opened only when the sequence reaches it
        Enumeration<InputStream> streams = new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return parts.hasNext();
            }

            @Override
            public InputStream nextElement() {
                try {
                    return open(parts.next());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        try (InputStream joined = new SequenceInputStream(streams)) {
            return write(joined);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            for (String key : keys) {
                delete(key);
            }
        }
    }

    /** Where the bytes are, for start-up lines and the health endpoint: {@code memory, 0 of 268435456 bytes used}. */
    String description();

    @Override
    default void close() throws IOException {
    }
}
