package io.quarkiverse.cloudinary.storage.emulator.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkiverse.cloudinary.storage.emulator.store.BlobStore;
import io.quarkiverse.cloudinary.storage.emulator.store.StoredBlob;

/**
 * Puts chunked uploads together: chunks of one upload share an {@code X-Unique-Upload-Id}, each says where it goes
 * with {@code Content-Range: bytes first-last/total} (total -1 until the last chunk). Chunks are kept as blobs, so a
 * directory store never holds a large upload on the heap.
 */
public final class ChunkAssembler {

    private static final Pattern RANGE = Pattern.compile("bytes (\\d+)-(-?\\d+)/(-?\\d+)");

    private record Chunk(long first, StoredBlob blob) {
    }

    /** The outcome of one chunk: still waiting, or the whole file as one blob. */
    public record Progress(long receivedBytes, StoredBlob completed) {
        public boolean done() {
            return completed != null;
        }
    }

    private final BlobStore blobs;
    private final Map<String, List<Chunk>> uploads = new ConcurrentHashMap<>();

    public ChunkAssembler(BlobStore blobs) {
        this.blobs = blobs;
    }

    /**
     * @param chunk the chunk's bytes, already stored
     * @param maxBytes the largest file the upload may make: a range or a sum of chunks beyond it ends the upload at
     *        once, with Cloudinary's refusal, rather than after the last chunk
     */
    public Progress add(String uploadId, String contentRange, StoredBlob chunk, long maxBytes) throws IOException {
        Matcher range = RANGE.matcher(contentRange.trim());
        if (!range.matches()) {
            blobs.delete(chunk.key());
            throw ApiError.badRequest("Invalid Content-Range header: " + contentRange);
        }
        long first = Long.parseLong(range.group(1));
        long last = Long.parseLong(range.group(2));
        long total = Long.parseLong(range.group(3));
        if (last - first + 1 != chunk.size() && !(chunk.size() == 0 && total == 0)) {
            blobs.delete(chunk.key());
            throw ApiError.badRequest("Content-Range " + contentRange + " does not match the " + chunk.size()
                    + " bytes sent");
        }
        List<Chunk> chunks = uploads.computeIfAbsent(uploadId, id -> Collections.synchronizedList(new ArrayList<>()));
        chunks.add(new Chunk(first, chunk));
        long received;
        synchronized (chunks) {
            received = chunks.stream().mapToLong(c -> c.blob().size()).sum();
        }
        long announced = Math.max(total, last + 1);
        if (Math.max(announced, received) > maxBytes) {
            uploads.remove(uploadId);
            discard(new ArrayList<>(chunks));
            throw AssetService.Limits.tooLarge(Math.max(announced, received), maxBytes);
        }
        boolean lastChunk = total >= 0 && (last == total - 1 || total == 0);
        if (!lastChunk) {
            return new Progress(received, null);
        }
        uploads.remove(uploadId);
        List<Chunk> ordered;
        synchronized (chunks) {
            ordered = new ArrayList<>(chunks);
        }
        ordered.sort(Comparator.comparingLong(Chunk::first));
        long expected = 0;
        for (Chunk c : ordered) {
            if (c.first() != expected) {
                discard(ordered);
                throw ApiError.badRequest("Chunked upload " + uploadId + " is missing bytes from " + expected);
            }
            expected += c.blob().size();
        }
        if (expected != total) {
            discard(ordered);
            throw ApiError.badRequest("Chunked upload " + uploadId + " has " + expected + " bytes, expected " + total);
        }
        StoredBlob whole = blobs.concatenate(ordered.stream().map(c -> c.blob().key()).toList());
        return new Progress(whole.size(), whole);
    }

    /** Forgets an unfinished upload and its chunks. */
    public void abandon(String uploadId) {
        List<Chunk> chunks = uploads.remove(uploadId);
        if (chunks != null) {
            discard(new ArrayList<>(chunks));
        }
    }

    public void clear() {
        uploads.values().forEach(chunks -> discard(new ArrayList<>(chunks)));
        uploads.clear();
    }

    private void discard(List<Chunk> chunks) {
        for (Chunk c : chunks) {
            try {
                blobs.delete(c.blob().key());
            } catch (IOException ignored) {
                // a leftover chunk blob only costs space
            }
        }
    }
}
