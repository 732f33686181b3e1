package io.quarkiverse.cloudinary.storage.emulator.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps blobs on the heap: fast, and gone when the emulator stops. Bounded: a write that would take the stored bytes
 * past the limit is refused with {@link StoreFullException}, so a long run fills the store, never the heap. Blobs are
 * kept as segments, so neither a large upload nor the joining of its chunks is ever copied whole.
 */
public final class MemoryBlobStore implements BlobStore {

    private static final int SEGMENT = 64 * 1024;

    private record Blob(List<byte[]> segments, long size) {
    }

    private final Map<String, Blob> blobs = new ConcurrentHashMap<>();
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    /** A store without a bound, for tests that need no limit. */
    public MemoryBlobStore() {
        this(Long.MAX_VALUE);
    }

    /** @param limit the most bytes the store holds */
    public MemoryBlobStore(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("The memory limit must be positive, got " + limit);
        }
        this.limit = limit;
    }

    @Override
    public StoredBlob write(InputStream content) throws IOException {
        MessageDigest md5 = Digests.md5();
        List<byte[]> segments = new ArrayList<>();
        long size = 0;
        try {
            byte[] buffer = new byte[SEGMENT];
            int filled;
            while ((filled = content.readNBytes(buffer, 0, SEGMENT)) > 0) {
                reserve(filled);
                size += filled;
                md5.update(buffer, 0, filled);
                if (filled == SEGMENT) {
                    segments.add(buffer);
                    buffer = new byte[SEGMENT];
                } else {
                    segments.add(Arrays.copyOf(buffer, filled));
                }
            }
        } catch (IOException | RuntimeException e) {
            used.addAndGet(-size);
            throw e;
        }
        String key = UUID.randomUUID().toString();
        blobs.put(key, new Blob(Collections.unmodifiableList(segments), size));
        return new StoredBlob(key, size, HexFormat.of().formatHex(md5.digest()));
    }

    private void reserve(int bytes) throws StoreFullException {
        long before;
        do {
            before = used.get();
            if (before + bytes > limit) {
                throw new StoreFullException(limit, before);
            }
        } while (!used.compareAndSet(before, before + bytes));
    }

    @Override
    public InputStream open(String key) throws IOException {
        List<byte[]> segments = get(key).segments();
        List<InputStream> streams = new ArrayList<>(segments.size());
        for (byte[] segment : segments) {
            streams.add(new ByteArrayInputStream(segment));
        }
        return new SequenceInputStream(Collections.enumeration(streams));
    }

    @Override
    public long size(String key) throws IOException {
        return get(key).size();
    }

    @Override
    public void delete(String key) {
        Blob removed = blobs.remove(key);
        if (removed != null) {
            used.addAndGet(-removed.size());
        }
    }

    @Override
    public void clear() {
        // blob by blob: bytes of writes still under way stay counted
        for (String key : List.copyOf(blobs.keySet())) {
            delete(key);
        }
    }

    /** Joins the segments of the parts: no byte is copied, and the bytes in use do not change. */
    @Override
    public StoredBlob concatenate(List<String> keys) throws IOException {
        List<Blob> parts = new ArrayList<>(keys.size());
        for (String key : keys) {
            parts.add(get(key));
        }
        MessageDigest md5 = Digests.md5();
        List<byte[]> segments = new ArrayList<>();
        long size = 0;
        for (Blob part : parts) {
            for (byte[] segment : part.segments()) {
                md5.update(segment);
                segments.add(segment);
            }
            size += part.size();
        }
        String key = UUID.randomUUID().toString();
        blobs.put(key, new Blob(Collections.unmodifiableList(segments), size));
        // the whole holds exactly the parts' bytes, which stay counted
        for (String part : keys) {
            blobs.remove(part);
        }
        return new StoredBlob(key, size, HexFormat.of().formatHex(md5.digest()));
    }

    /** The bytes stored now. */
    public long usedBytes() {
        return used.get();
    }

    public long limit() {
        return limit;
    }

    @Override
    public String description() {
        return limit == Long.MAX_VALUE ? "memory, " + used.get() + " bytes used"
                : "memory, " + used.get() + " of " + limit + " bytes used";
    }

    private Blob get(String key) throws NoSuchFileException {
        Blob blob = blobs.get(key);
        if (blob == null) {
            throw new NoSuchFileException(key);
        }
        return blob;
    }
}
