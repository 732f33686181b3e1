package io.quarkiverse.cloudinary.storage.emulator;

import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.cloudinary.api.exceptions.NotFound;

import io.quarkiverse.cloudinary.storage.emulator.model.AssetService.Limits;

/**
 * File size limits per resource type through the official SDK: a paid plan's by default (so a video above the Free
 * plan's 100 MB goes through in chunks), the Free plan's or any others when configured, refused with Cloudinary's
 * message, and a chunked upload refused at the first chunk that goes past the limit.
 */
class FileSizeLimitsConformanceTest {

    private static final long MB = 1 << 20;

    private static String tooLarge(long got, long maximum) {
        return "File size too large. Got " + got + ". Maximum is " + maximum
                + ". Upgrade your plan to enjoy higher limits https://www.cloudinary.com/pricing/upgrades/file-limit";
    }

    /** An MP4 (an {@code ftyp} box, then zeros) of any length, produced as it is read. */
    static InputStream video(long length) {
        byte[] head = "\0\0\0\u0018ftypisom\0\0\0\0isommp41".getBytes(StandardCharsets.ISO_8859_1);
        return new InputStream() {
            long position;

            @Override
            public int read() {
                if (position >= length) {
                    return -1;
                }
                return position < head.length ? head[(int) position++] & 0xFF : zero();
            }

            private int zero() {
                position++;
                return 0;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) {
                if (position >= length) {
                    return -1;
                }
                int n = (int) Math.min(count, length - position);
                for (int i = 0; i < n; i++) {
                    buffer[offset + i] = position < head.length ? head[(int) position] : 0;
                    position++;
                }
                return n;
            }
        };
    }

    private static byte[] noisyPng(int side) throws Exception {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(side);
        for (int x = 0; x < side; x++) {
            for (int y = 0; y < side; y++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void aPaidPlansLimitsByDefault(@TempDir Path dir) throws Exception {
        try (EmulatorFixture fixture = new EmulatorFixture(CloudinaryEmulator.builder().dataDirectory(dir))) {
            Map<?, ?> limits = (Map<?, ?>) fixture.api.usage(options()).get("media_limits");
            assertEquals(157_286_400, limits.get("image_max_size_bytes"));
            assertEquals(3_145_728_000L, ((Number) limits.get("video_max_size_bytes")).longValue());
            assertEquals(2_097_152_000, limits.get("raw_max_size_bytes"));
            assertEquals("Custom", fixture.api.usage(options()).get("plan"));

            assertEquals(11 * MB, ((Number) fixture.uploader.upload(new byte[(int) (11 * MB)],
                    options("resource_type", "raw", "public_id", "eleven.bin")).get("bytes")).longValue(),
                    "above the Free plan's 10 MB for raw files");

            long size = 101 * MB;
            fixture.control.resetRequestCounts();
            Map<?, ?> video = fixture.uploader.uploadLarge(video(size), options("resource_type", "video",
                    "public_id", "long-film"));
            assertEquals(size, ((Number) video.get("bytes")).longValue(), "above the Free plan's 100 MB for videos");
            assertEquals("mp4", video.get("format"));
            assertEquals(6, fixture.control.requestCount("upload:upload"), "in 20 MB chunks, as the SDK sends them");
        }
    }

    @Test
    void theFreePlansLimitsRefuseWithCloudinarysMessage(@TempDir Path dir) throws Exception {
        try (EmulatorFixture fixture = new EmulatorFixture(CloudinaryEmulator.builder().limits(Limits.FREE_PLAN))) {
            assertEquals("Free", fixture.api.usage(options()).get("plan"));
            RuntimeException raw = assertThrows(RuntimeException.class, () -> fixture.uploader.upload(
                    new byte[10_485_761], options("resource_type", "raw", "public_id", "big.bin")));
            assertEquals(tooLarge(10_485_761, 10_485_760), raw.getMessage());
            assertEquals(10_485_760, ((Number) fixture.uploader.upload(new byte[10_485_760], options(
                    "resource_type", "raw", "public_id", "just.bin")).get("bytes")).intValue(), "the limit itself fits");

            // a file's length is known: its first chunk announces a total above the limit, and nothing more is sent
            Path file = dir.resolve("film.mp4");
            try (InputStream in = video(104_857_601)) {
                Files.copy(in, file);
            }
            fixture.control.resetRequestCounts();
            RuntimeException chunked = assertThrows(RuntimeException.class, () -> fixture.uploader.uploadLarge(
                    file.toFile(), options("resource_type", "video", "public_id", "film", "chunk_size", 20_000_000)));
            assertEquals(tooLarge(104_857_601, 104_857_600), chunked.getMessage());
            assertEquals(1, fixture.control.requestCount("upload:upload"));

            // a stream's length is not: it is refused at the chunk that goes past the limit
            fixture.control.resetRequestCounts();
            RuntimeException streamed = assertThrows(RuntimeException.class, () -> fixture.uploader.uploadLarge(
                    video(150_000_000), options("resource_type", "video", "public_id", "film", "chunk_size",
                            20_000_000)));
            assertEquals(tooLarge(120_000_000, 104_857_600), streamed.getMessage());
            assertEquals(6, fixture.control.requestCount("upload:upload"));
            assertThrows(NotFound.class, () -> fixture.api.resource("film", options("resource_type", "video")));
            assertEquals("memory, " + 10_485_760 + " of " + Runtime.getRuntime().maxMemory() / 4 + " bytes used",
                    fixture.emulator.storeDescription(), "the refused chunks hold no room");
        }
    }

    @Test
    void eachResourceTypeHasItsOwnLimit() throws Exception {
        byte[] image = noisyPng(40);
        int imageLimit = image.length - 1;
        try (EmulatorFixture fixture = new EmulatorFixture(CloudinaryEmulator.builder().limits(new Limits(imageLimit,
                2_000, 3_000)))) {
            RuntimeException picture = assertThrows(RuntimeException.class, () -> fixture.uploader.upload(image,
                    options("public_id", "noise")));
            assertEquals(tooLarge(image.length, imageLimit), picture.getMessage());

            RuntimeException film = assertThrows(RuntimeException.class, () -> fixture.uploader.upload(
                    video(2_001).readAllBytes(), options("resource_type", "video", "public_id", "clip")));
            assertEquals(tooLarge(2_001, 2_000), film.getMessage());
            assertEquals(2_000, fixture.uploader.upload(video(2_000).readAllBytes(), options("resource_type", "video",
                    "public_id", "clip")).get("bytes"));

            assertEquals(3_000, fixture.uploader.upload(new byte[3_000], options("resource_type", "raw",
                    "public_id", "notes.bin")).get("bytes"), "a raw file may be larger than the image limit");
            RuntimeException raw = assertThrows(RuntimeException.class, () -> fixture.uploader.upload(new byte[3_001],
                    options("resource_type", "raw", "public_id", "notes.bin")));
            assertEquals(tooLarge(3_001, 3_000), raw.getMessage());
        }
    }
}
