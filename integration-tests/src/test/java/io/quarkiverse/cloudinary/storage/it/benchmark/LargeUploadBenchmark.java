package io.quarkiverse.cloudinary.storage.it.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.util.List;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.cloudinary.storage.emulator.CloudinaryEmulator;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkiverse.cloudinary.storage.emulator.model.AssetService;
import io.quarkiverse.cloudinary.storage.it.OwnEmulatorResource;
import io.quarkiverse.cloudinary.storage.media.RawStorage;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Stores a 1 GB stream of unknown length through {@link RawStorage} into an emulator that keeps bytes on disk, and
 * prints how much the live heap grew meanwhile. A sampler forces a full collection every 250 ms and reads the heap
 * right after it, so what it sees is live data (the SDK's chunk buffer in flight included), not garbage waiting to be
 * collected. Prints, asserts no timing.
 */
@QuarkusTest
@TestProfile(LargeUploadBenchmark.DiskEmulator.class)
class LargeUploadBenchmark {

    static final long SIZE = Long.getLong("benchmark.largeUploadBytes", 1L << 30);

    public static class DiskEmulator implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DiskEmulatorResource.class));
        }
    }

    /** An emulator with paid-plan file limits and a data directory, so the gigabyte never sits on the heap. */
    public static class DiskEmulatorResource extends OwnEmulatorResource {
        @Override
        protected CloudinaryEmulator.Builder configure(CloudinaryEmulator.Builder builder) {
            return builder.dataDirectory(dataDirectory("large-upload-"))
                    .limits(new AssetService.Limits(157_286_400, 3_145_728_000L, 2_097_152_000L));
        }
    }

    @Inject
    RawStorage storage;

    @Test
    void oneGigabyteStreamKeepsTheHeapSmall() throws Exception {
        String apiBase = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.cloudinary.api-base-url", String.class);
        EmulatorControlClient control = new EmulatorControlClient(apiBase);
        control.resetRequestCounts();

        HeapSampler heap = HeapSampler.start();
        long started = System.nanoTime();
        String stored = storage.save("benchmark/one-gigabyte.bin", new GeneratedStream(SIZE), -1, true);
        double seconds = (System.nanoTime() - started) / 1e9;
        heap.close();

        long size = storage.size(stored);
        long chunks = control.requestCount("upload:upload");
        long growth = heap.peak() - heap.idle();
        System.out.printf("%n=== Large upload: %,d bytes as a stream of unknown length ===%n", SIZE);
        System.out.printf("stored as %s, %,d bytes, in %d upload requests (chunks), %.1f s (%.0f MB/s)%n", stored,
                size, chunks, seconds, SIZE / 1e6 / seconds);
        System.out.printf("live heap before: %.1f MB, peak of %d samples during: %.1f MB, growth: %.1f MB"
                + " (goal: under 64 MB)%n%n", heap.idle() / 1e6, heap.samples(), heap.peak() / 1e6, growth / 1e6);
        assertEquals(SIZE, size, "the whole stream was stored");
        storage.delete(stored);
    }

    /** Pseudo-random bytes, generated as they are read: the source itself holds 1 MB. */
    static final class GeneratedStream extends InputStream {
        private final byte[] block = new byte[1 << 20];
        private long remaining;
        private int position = block.length;
        private final Random random = new Random(42);

        GeneratedStream(long size) {
            this.remaining = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            if (position == block.length) {
                random.nextBytes(block);
                position = 0;
            }
            int n = (int) Math.min(Math.min(length, block.length - position), remaining);
            System.arraycopy(block, position, target, offset, n);
            position += n;
            remaining -= n;
            return n;
        }
    }
}
