package io.quarkiverse.cloudinary.storage.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkiverse.cloudinary.storage.InvalidVideoException;

/**
 * The samples under {@code media-samples/} are whole one-second files made with ffmpeg; see the README there.
 */
class VideoContentCheckTest {

    static final String MESSAGE = "Bitte ein gültiges Video hochladen.";
    final VideoContentCheck check = new VideoContentCheck(MESSAGE);

    static byte[] sample(String file) {
        try (InputStream in = VideoContentCheckTest.class.getResourceAsStream("/media-samples/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing sample " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] image(String format) throws IOException {
        BufferedImage picture = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        picture.setRGB(3, 4, 0xff8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(picture, format, out), "no ImageIO writer for " + format);
        return out.toByteArray();
    }

    static byte[] sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    InvalidVideoException refused(byte[] content, String name) {
        InvalidVideoException error = assertThrows(InvalidVideoException.class,
                () -> check.requireVideo(new ByteArrayInputStream(content), name));
        assertEquals(MESSAGE, error.getMessage());
        assertEquals(name, error.name());
        assertFalse(check.isVideo(content, content.length));
        return error;
    }

    @ParameterizedTest(name = "{0} is a video ({1})")
    @CsvSource({
            "isom.mp4, video/quicktime",
            "mp42.mp4, video/mp4",
            "mov.mov, video/quicktime",
            "3gp.3gp, video/3gpp",
            "webm.webm, application/x-matroska",
            "mkv.mkv, application/x-matroska",
            "avi.avi, video/x-msvideo",
            "flv.flv, video/x-flv",
            "mpegps.mpg, video/mpeg",
            "wmv.wmv, video/x-ms-wmv",
            "mpeg4.asf, video/x-ms-asf",
            "theora.ogv, application/ogg",
            "vorbis_theora.ogv, audio/vorbis",
    })
    void videosAreAccepted(String file, String tikaSays) throws IOException {
        byte[] video = sample(file);
        assertEquals(tikaSays, VideoContentCheck.detect(video, video.length).toString());
        assertTrue(check.isVideo(video, video.length));
        assertArrayEquals(video, check.requireVideo(new ByteArrayInputStream(video), "upload").readAllBytes());
    }

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource({
            "mp3.mp3, audio/mpeg",
            "m4a.m4a, audio/mp4",
            "opus.opus, application/ogg",
            "wma.wma, audio/x-ms-wma",
            "mp3-audio.asf, video/x-ms-asf",
    })
    void audioIsRefused(String file, String detected) {
        assertEquals(detected, refused(sample(file), "song." + file.substring(file.indexOf('.') + 1)).detectedType());
    }

    @Test
    void picturesAreRefused() throws IOException {
        assertEquals("image/png", refused(image("png"), "picture.png").detectedType());
        assertEquals("image/jpeg", refused(image("jpg"), "picture.jpg").detectedType());
    }

    @Test
    void aPictureNamedLikeAVideoIsStillAPicture() throws IOException {
        assertEquals("image/png", refused(image("png"), "clip.mp4").detectedType());
    }

    @Test
    void documentsTextEmptinessAndNoiseAreRefused() {
        byte[] pdf = "%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("application/pdf", refused(pdf, "clip.mp4").detectedType());
        assertEquals("text/plain",
                refused("Not a video, just words.\n".getBytes(StandardCharsets.UTF_8), "clip.mp4").detectedType());
        assertEquals("application/octet-stream", refused(new byte[0], "clip.mp4").detectedType());
        byte[] noise = new byte[100_000];
        new Random(42).nextBytes(noise);
        assertEquals("application/octet-stream", refused(noise, "clip.mp4").detectedType());
    }

    @Test
    void isVideoLooksOnlyAtTheGivenLength() {
        byte[] video = sample("mp42.mp4");
        assertTrue(check.isVideo(video, 64));
        assertFalse(check.isVideo(video, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> check.isVideo(video, video.length + 1));
    }

    @Test
    void anAcceptedStreamYieldsEveryByteAfterOnlyTheHeadWasRead() throws Exception {
        byte[] head = sample("isom.mp4");
        byte[] video = new byte[5 * 1024 * 1024];
        new Random(5).nextBytes(video);
        System.arraycopy(head, 0, video, 0, head.length);
        long[] read = { 0 };
        InputStream counting = new FilterInputStream(new ByteArrayInputStream(video)) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                read[0] += b < 0 ? 0 : 1;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                read[0] += Math.max(n, 0);
                return n;
            }
        };

        InputStream checked = check.requireVideo(counting, "big.mp4");
        assertTrue(read[0] <= VideoContentCheck.HEAD_SIZE + 1, "read " + read[0] + " bytes before the upload");
        assertTrue(read[0] >= VideoContentCheck.HEAD_SIZE, "judged on " + read[0] + " bytes only");

        byte[] replayed = checked.readAllBytes();
        assertEquals(video.length, replayed.length);
        assertArrayEquals(sha256(video), sha256(replayed));
        assertEquals(video.length, read[0]);
    }

    @Test
    void aRefusedStreamWasReadNoFurtherThanItsHead() {
        byte[] song = new byte[1024 * 1024];
        byte[] mp3 = sample("mp3.mp3");
        System.arraycopy(mp3, 0, song, 0, mp3.length);
        ByteArrayInputStream source = new ByteArrayInputStream(song);
        assertThrows(InvalidVideoException.class, () -> check.requireVideo(source, "song.mp4"));
        assertTrue(song.length - source.available() <= VideoContentCheck.HEAD_SIZE + 1);
    }
}
