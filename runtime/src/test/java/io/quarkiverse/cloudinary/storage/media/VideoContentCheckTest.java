package io.quarkiverse.cloudinary.storage.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.cloudinary.storage.InvalidVideoException;

class VideoContentCheckTest {

    static final String MESSAGE = "Please upload a valid video file.";
    final VideoContentCheck check = new VideoContentCheck(MESSAGE);

    static byte[] ftyp(String brand, int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        ByteBuffer.wrap(bytes).putInt(24).put("ftyp".getBytes(StandardCharsets.US_ASCII))
                .put(brand.getBytes(StandardCharsets.US_ASCII)).putInt(0)
                .put((brand + "mp41").substring(0, 8).getBytes(StandardCharsets.US_ASCII))
                .putInt(size - 24).put("mdat".getBytes(StandardCharsets.US_ASCII));
        return bytes;
    }

    static byte[] withHead(byte[] head, int size) {
        byte[] bytes = new byte[Math.max(size, head.length)];
        new Random(7).nextBytes(bytes);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    static byte[] jpeg() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "jpg", out);
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = { "isom", "mp42", "qt  ", "3gp5" })
    void isoMediaVideosAreAccepted(String brand) {
        byte[] video = ftyp(brand, 10_000);
        assertTrue(check.isVideo(video, video.length), brand + " → " + VideoContentCheck.detect(video, video.length));
    }

    @Test
    void otherContainersAreAccepted() {
        byte[] webm = withHead(hex("1A45DFA3 9F 4282 84 7765626D 4287 81 02 4285 81 02"), 1000);
        byte[] avi = withHead("RIFF\0\0\0\0AVI LIST".getBytes(StandardCharsets.ISO_8859_1), 1000);
        byte[] flv = withHead(hex("464C5601 05 00000009"), 1000);
        byte[] mpeg = withHead(hex("000001BA 44000400 0401"), 1000);
        for (byte[] video : new byte[][] { webm, avi, flv, mpeg }) {
            assertTrue(check.isVideo(video, video.length), String.valueOf(VideoContentCheck.detect(video, video.length)));
        }
    }

    @Test
    void picturesDocumentsTextAndAudioAreRefused() throws IOException {
        byte[] mp3 = withHead("ID3\u0004\0\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1), 1000);
        byte[][] notVideos = { png(), jpeg(), "%PDF-1.4\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1),
                "just some text".getBytes(StandardCharsets.UTF_8), mp3, ftyp("M4A ", 1000), new byte[0] };
        for (byte[] notVideo : notVideos) {
            InvalidVideoException error = assertThrows(InvalidVideoException.class,
                    () -> check.requireVideo(new ByteArrayInputStream(notVideo), "clip.mp4"));
            assertEquals(MESSAGE, error.getMessage());
            assertEquals("clip.mp4", error.name());
        }
    }

    @Test
    void theNameNeverDecides() throws IOException {
        InvalidVideoException error = assertThrows(InvalidVideoException.class,
                () -> check.requireVideo(new ByteArrayInputStream(png()), "holiday.mp4"));
        assertEquals("image/png", error.detectedType());
    }

    @Test
    void acceptedStreamYieldsEverythingAfterReadingOnlyTheHead() throws IOException {
        byte[] video = ftyp("isom", 5_000_000);
        int[] read = { 0 };
        InputStream counting = new FilterInputStream(new ByteArrayInputStream(video)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                read[0] += Math.max(n, 0);
                return n;
            }
        };
        InputStream checked = check.requireVideo(counting, "big.mp4");
        assertTrue(read[0] <= VideoContentCheck.HEAD_SIZE + 1, "read " + read[0] + " bytes before the upload");
        assertArrayEquals(video, checked.readAllBytes());
    }
}
