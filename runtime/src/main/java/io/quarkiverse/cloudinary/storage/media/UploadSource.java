package io.quarkiverse.cloudinary.storage.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a save sends: a file on disk that can be sent again (retries, a second name on collision), or, above the
 * chunked-upload threshold, a stream sent once in chunks. Streams below the threshold are spooled to a temporary file
 * rather than read into memory, because the SDK's single-request upload takes no stream.
 */
sealed interface UploadSource extends AutoCloseable {

    /** A file that is read as many times as needed. */
    record FromFile(Path path, long size, boolean temporary) implements UploadSource {
        @Override
        public void close() {
            if (temporary) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** A stream too large for one request, read once by the chunked upload. */
    record Chunked(InputStream stream, Path spooledHead) implements UploadSource {
        @Override
        public void close() throws IOException {
            try {
                stream.close();
            } finally {
                if (spooledHead != null) {
                    Files.deleteIfExists(spooledHead);
                }
            }
        }
    }

    @Override
    void close() throws IOException;

    static UploadSource of(Path file, long chunkedThreshold) throws IOException {
        long size = Files.size(file);
        if (size > chunkedThreshold) {
            return new Chunked(Files.newInputStream(file), null);
        }
        return new FromFile(file, size, false);
    }

    /**
     * @param knownLength the stream's length when the caller knows it, else -1
     */
    static UploadSource of(InputStream content, long knownLength, long chunkedThreshold) throws IOException {
        if (knownLength > chunkedThreshold) {
            return new Chunked(content, null);
        }
        Path spool = Files.createTempFile("cloudinary-upload-", ".part");
        try {
            long written;
            try (OutputStream out = Files.newOutputStream(spool)) {
                written = copyAtMost(content, out, chunkedThreshold + 1);
            }
            if (written > chunkedThreshold) {
                return new Chunked(new SequenceInputStream(Files.newInputStream(spool), content), spool);
            }
            return new FromFile(spool, written, true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
    }

    private static long copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        while (total < limit) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
            if (read < 0) {
                break;
            }
            out.write(buffer, 0, read);
            total += read;
        }
        return total;
    }
}
