package io.quarkiverse.cloudinary.storage.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkiverse.cloudinary.storage.InvalidMediaContentException;
import io.quarkiverse.cloudinary.storage.InvalidVideoException;
import io.quarkiverse.cloudinary.storage.MediaTooLargeException;

/**
 * The samples under {@code media-samples/} are whole one-second files made with ffmpeg; see the README there.
 */
class ContentCheckTest {

    static final String MESSAGE = "Bitte ein gültiges Video hochladen.";
    final ContentCheck check = ContentCheck.video(MESSAGE);

    static byte[] sample(String file) {
        try (InputStream in = ContentCheckTest.class.getResourceAsStream("/media-samples/" + file)) {
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
                () -> check.check(new ByteArrayInputStream(content), -1, name));
        assertEquals(MESSAGE, error.getMessage());
        assertEquals(name, error.name());
        assertFalse(check.accepts(content, content.length));
        return error;
    }

    @ParameterizedTest(name = "{0} is a video: Tika says {1}, the check {2}")
    @CsvSource({
            "isom.mp4, video/quicktime, video/quicktime",
            "mp42.mp4, video/mp4, video/mp4",
            "mov.mov, video/quicktime, video/quicktime",
            "3gp.3gp, video/3gpp, video/3gpp",
            "webm.webm, application/x-matroska, video/webm",
            "mkv.mkv, application/x-matroska, video/x-matroska",
            "avi.avi, video/x-msvideo, video/x-msvideo",
            "flv.flv, video/x-flv, video/x-flv",
            "mpegps.mpg, video/mpeg, video/mpeg",
            "wmv.wmv, video/x-ms-wmv, video/x-ms-wmv",
            "mpeg4.asf, video/x-ms-asf, video/x-ms-asf",
            "theora.ogv, application/ogg, video/ogg",
            "vorbis_theora.ogv, audio/vorbis, video/ogg",
    })
    void videosAreAccepted(String file, String tikaSays, String detected) throws IOException {
        byte[] video = sample(file);
        assertEquals(tikaSays, ContentCheck.tikaType(video, video.length).toString());
        assertEquals(detected, ContentCheck.detect(video, video.length).toString());
        assertTrue(check.accepts(video, video.length));
        assertArrayEquals(video, check.check(new ByteArrayInputStream(video), -1, "upload").readAllBytes());
    }

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource({
            "mp3.mp3, audio/mpeg",
            "m4a.m4a, audio/mp4",
            "opus.opus, application/ogg",
            "wma.wma, audio/x-ms-wma",
            "mp3-audio.asf, application/vnd.ms-asf",
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
    void acceptsLooksOnlyAtTheGivenLength() {
        byte[] video = sample("mp42.mp4");
        assertTrue(check.accepts(video, 64));
        assertFalse(check.accepts(video, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> check.accepts(video, video.length + 1));
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

        InputStream checked = check.check(counting, -1, "big.mp4");
        assertTrue(read[0] <= ContentCheck.HEAD_SIZE + 1, "read " + read[0] + " bytes before the upload");
        assertTrue(read[0] >= ContentCheck.HEAD_SIZE, "judged on " + read[0] + " bytes only");

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
        assertThrows(InvalidVideoException.class, () -> check.check(source, -1, "song.mp4"));
        assertTrue(song.length - source.available() <= ContentCheck.HEAD_SIZE + 1);
    }

    @Test
    void aFieldAcceptsItsTypesAndWildcardsAndNamesItselfTheTypeAndTheLimitWhenItRefuses() throws IOException {
        ContentCheck pictures = ContentCheck.of("MediaItem.image", List.of("image/png", "image/jpeg"), 0);
        byte[] png = image("png");
        assertArrayEquals(png, pictures.check(new ByteArrayInputStream(png), png.length, "a.png").readAllBytes());
        assertTrue(pictures.accepts(image("jpg"), image("jpg").length));
        byte[] gif = image("gif");
        InvalidMediaContentException refused = assertThrows(InvalidMediaContentException.class,
                () -> pictures.check(new ByteArrayInputStream(gif), -1, "anim.png"));
        assertEquals("MediaItem.image accepts image/png, image/jpeg; anim.png is image/gif", refused.getMessage());
        assertEquals("image/gif", refused.detectedType());
        assertEquals(List.of("image/png", "image/jpeg"), refused.acceptedTypes());

        ContentCheck anyImage = ContentCheck.of("MediaItem.image", List.of("image/*"), 0);
        assertTrue(anyImage.accepts(gif, gif.length));
        byte[] pdf = "%PDF-1.7\n1 0 obj\n".getBytes(StandardCharsets.ISO_8859_1);
        assertFalse(anyImage.accepts(pdf, pdf.length));
        ContentCheck videos = ContentCheck.of("Clip.video", List.of("video/webm"), 0);
        assertTrue(videos.accepts(sample("webm.webm"), sample("webm.webm").length));
        assertFalse(videos.accepts(sample("mkv.mkv"), sample("mkv.mkv").length));
    }

    @Test
    void sizesAreCheckedFromTheKnownLengthTheFileOrWhileTheStreamIsRead(@TempDir Path directory) throws IOException {
        ContentCheck small = ContentCheck.of("MediaItem.document", List.of(), 1000);
        byte[] content = new byte[1001];
        MediaTooLargeException known = assertThrows(MediaTooLargeException.class,
                () -> small.check(new ByteArrayInputStream(content), content.length, "big.bin"));
        assertEquals("MediaItem.document accepts at most 1000 bytes; big.bin has 1001 bytes", known.getMessage());
        assertEquals(1001, known.size());
        assertEquals(1000, known.maxSize());

        Path file = Files.write(directory.resolve("big.bin"), content);
        assertEquals(1001, assertThrows(MediaTooLargeException.class, () -> small.check(file, "big.bin")).size());
        Path fits = Files.write(directory.resolve("fits.bin"), new byte[1000]);
        small.check(fits, "fits.bin");

        InputStream unknownLength = small.check(new ByteArrayInputStream(content), -1, "big.bin");
        assertEquals(1000, unknownLength.readNBytes(1000).length, "the limit itself is accepted");
        MediaTooLargeException counted = assertThrows(MediaTooLargeException.class, unknownLength::read);
        assertEquals("MediaItem.document accepts at most 1000 bytes; big.bin has more", counted.getMessage());
        assertEquals(-1, counted.size());
    }

    @Test
    void noRulesReturnTheStreamUntouched() {
        InputStream content = new ByteArrayInputStream(new byte[10]);
        assertSame(ContentCheck.ANY, ContentCheck.of("MediaItem.image", List.of(), 0));
        assertSame(content, ContentCheck.ANY.check(content, -1, "a.bin"));
    }

    @ParameterizedTest(name = "{0} is accepted as {1}")
    @CsvSource({
            "image/png, image/png",
            "' Image/PNG ', image/png",
            "image/*, image/*",
            "image/x-ms-bmp, image/bmp",
            "image/svg+xml, image/svg+xml",
            "video/webm, video/webm",
            "video/ogg, video/ogg",
            "text/plain, text/plain",
            "application/octet-stream, application/octet-stream",
    })
    void annotationTypesAreNormalised(String value, String normalised) {
        assertEquals(normalised, ContentCheck.acceptedType(value));
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "png|'png' is not a media type: write type/subtype, such as image/png, or type/*, such as image/*",
            "image/|'image/' is not a media type",
            "*/*|'*/*' is not a media type",
            "image/png; q=1|'image/png; q=1' is not a media type",
            "imgae/*|'imgae/*': no media type starts with 'imgae/'",
            "image/jpg|'image/jpg' is not a media type Tika knows; files named *.jpg are image/jpeg",
            "image/nonsense|'image/nonsense' is not a media type Tika knows",
            "text/csv|'text/csv' cannot be recognised by its bytes, only by its name; such files are detected as"
                    + " text/plain",
    })
    void annotationTypesThatCanNeverMatchAreRefused(String value, String message) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ContentCheck.acceptedType(value));
        assertTrue(refused.getMessage().startsWith(message), refused.getMessage());
    }
}
