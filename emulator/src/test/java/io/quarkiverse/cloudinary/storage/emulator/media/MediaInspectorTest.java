package io.quarkiverse.cloudinary.storage.emulator.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaInspectorTest {

    static byte[] imageIo(String format, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xFF0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) {
            throw new IllegalStateException("no writer for " + format);
        }
        return out.toByteArray();
    }

    static MediaInfo inspect(byte[] b) {
        return MediaInspector.inspect(b, b.length);
    }

    static void assertInfo(MediaInfo info, MediaKind kind, String format, Integer w, Integer h) {
        assertEquals(new MediaInfo(kind, format, w, h), info);
    }

    @ParameterizedTest
    @CsvSource({ "png,png,1,1", "png,png,400,300", "png,png,3000,17", "jpg,jpg,1,1", "jpg,jpg,400,300",
            "jpg,jpg,1920,1080", "gif,gif,7,9", "gif,gif,400,300", "bmp,bmp,5,3", "bmp,bmp,640,480",
            "tiff,tiff,33,44" })
    void readsImagesWrittenByImageIo(String writer, String format, int w, int h) throws IOException {
        assertInfo(inspect(imageIo(writer, w, h)), MediaKind.IMAGE, format, w, h);
    }

    @Test
    void honoursLengthArgumentNotArrayLength() throws IOException {
        byte[] png = imageIo("png", 10, 20);
        byte[] padded = Arrays.copyOf(png, MediaInspector.HEAD_SIZE);
        assertInfo(MediaInspector.inspect(padded, 24), MediaKind.IMAGE, "png", 10, 20);
        assertInfo(MediaInspector.inspect(padded, 20), MediaKind.IMAGE, "png", null, null);
    }

    @Test
    void jpegWithLongAppSegmentsBeforeFrame() throws IOException {
        byte[] jpg = imageIo("jpg", 123, 45);
        // insert a big APP1 segment (like EXIF) right after SOI
        byte[] app = new byte[4 + 5000];
        app[0] = (byte) 0xFF;
        app[1] = (byte) 0xE1;
        app[2] = (byte) ((5002) >> 8);
        app[3] = (byte) (5002 & 0xFF);
        byte[] all = new byte[jpg.length + app.length];
        System.arraycopy(jpg, 0, all, 0, 2);
        System.arraycopy(app, 0, all, 2, app.length);
        System.arraycopy(jpg, 2, all, 2 + app.length, jpg.length - 2);
        assertInfo(inspect(all), MediaKind.IMAGE, "jpg", 123, 45);
    }

    @Test
    void everyTruncationOfRealImagesIsSafe() throws IOException {
        for (String f : new String[] { "png", "jpg", "gif", "bmp", "tiff" }) {
            byte[] b = imageIo(f, 50, 60);
            for (int n = 0; n <= Math.min(b.length, 400); n++) {
                MediaInfo info = MediaInspector.inspect(b, n);
                if (info.width() != null) {
                    assertEquals(50, info.width(), f + " cut at " + n);
                    assertEquals(60, info.height(), f + " cut at " + n);
                }
            }
        }
    }

    @Test
    void webpVariants() {
        ByteBuffer lossy = le(30).put("RIFF".getBytes()).putInt(0).put("WEBPVP8 ".getBytes()).putInt(0)
                .put(new byte[] { 0, 0, 0, (byte) 0x9D, 1, 0x2A }).putShort((short) 320).putShort((short) 240);
        assertInfo(inspect(lossy.array()), MediaKind.IMAGE, "webp", 320, 240);

        int bits = (100 - 1) | ((50 - 1) << 14);
        ByteBuffer lossless = le(25).put("RIFF".getBytes()).putInt(0).put("WEBPVP8L".getBytes()).putInt(0)
                .put((byte) 0x2F).putInt(bits);
        assertInfo(inspect(lossless.array()), MediaKind.IMAGE, "webp", 100, 50);

        ByteBuffer extended = le(30).put("RIFF".getBytes()).putInt(0).put("WEBPVP8X".getBytes()).putInt(10)
                .putInt(0).put(new byte[] { (byte) 0xFF, 0x0F, 0 }).put(new byte[] { (byte) 0x37, 0x04, 0 });
        assertInfo(inspect(extended.array()), MediaKind.IMAGE, "webp", 4096, 1080);
    }

    @Test
    void icoAndSvg() {
        byte[] ico = { 0, 0, 1, 0, 1, 0, 32, 16, 0, 0, 1, 0, 32, 0 };
        assertInfo(inspect(ico), MediaKind.IMAGE, "ico", 32, 16);
        byte[] ico256 = { 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 32, 0 };
        assertInfo(inspect(ico256), MediaKind.IMAGE, "ico", 256, 256);
        assertInfo(inspect(utf8("\uFEFF<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>")),
                MediaKind.IMAGE, "svg", null, null);
        assertInfo(inspect(utf8("  <svg width=\"10\"></svg>")), MediaKind.IMAGE, "svg", null, null);
        assertEquals(MediaInfo.UNKNOWN, inspect(utf8("<!DOCTYPE html><html><body><svg></svg></body></html>")));
        assertEquals(MediaInfo.UNKNOWN, inspect(utf8("<note>hello</note>")));
    }

    @Test
    void mp4AndMovWithTrackHeader() {
        assertInfo(inspect(isoFile("isom", 1280, 720)), MediaKind.VIDEO, "mp4", 1280, 720);
        assertInfo(inspect(isoFile("qt  ", 640, 360)), MediaKind.VIDEO, "mov", 640, 360);
        assertInfo(inspect(isoFile("3gp5", 176, 144)), MediaKind.VIDEO, "3gp", 176, 144);
        byte[] noMoov = Arrays.copyOf(isoFile("mp42", 1, 1), 24);
        assertInfo(inspect(noMoov), MediaKind.VIDEO, "mp4", null, null);
        assertEquals(MediaKind.IMAGE, inspect(isoFile("avif", 0, 0)).kind());
    }

    /** ftyp, then moov with an audio track (size 0) before the video track. */
    static byte[] isoFile(String brand, int w, int h) {
        ByteBuffer ftyp = be(24).putInt(24).put("ftyp".getBytes()).put(brand.getBytes()).putInt(0)
                .put("isomiso2".getBytes());
        byte[] audio = trak(0, 0);
        byte[] video = trak(w, h);
        ByteBuffer moov = be(8 + audio.length + video.length).putInt(8 + audio.length + video.length)
                .put("moov".getBytes()).put(audio).put(video);
        return concat(ftyp.array(), moov.array(), be(16).putInt(16).put("mdat".getBytes()).array());
    }

    static byte[] trak(int w, int h) {
        ByteBuffer tkhd = be(92).putInt(92).put("tkhd".getBytes()).putInt(0x00000007);
        tkhd.position(8 + 76);
        tkhd.putInt(w << 16).putInt(h << 16);
        return be(100).putInt(100).put("trak".getBytes()).put(tkhd.array()).array();
    }

    @Test
    void matroskaAndWebm() {
        assertInfo(inspect(ebml("webm", 854, 480)), MediaKind.VIDEO, "webm", 854, 480);
        assertInfo(inspect(ebml("matroska", 1920, 1080)), MediaKind.VIDEO, "mkv", 1920, 1080);
        assertInfo(inspect(Arrays.copyOf(ebml("webm", 854, 480), 30)), MediaKind.VIDEO, "webm", null, null);
    }

    static byte[] ebml(String docType, int w, int h) {
        byte[] dt = docType.getBytes(StandardCharsets.US_ASCII);
        byte[] header = concat(new byte[] { 0x42, (byte) 0x86, (byte) 0x81, 1 },
                new byte[] { 0x42, (byte) 0x82, (byte) (0x80 | dt.length) }, dt);
        byte[] videoEl = { (byte) 0xE0, (byte) 0x88, (byte) 0xB0, (byte) 0x82, (byte) (w >> 8), (byte) w,
                (byte) 0xBA, (byte) 0x82, (byte) (h >> 8), (byte) h };
        byte[] codec = { (byte) 0x86, (byte) 0x85, 'V', '_', 'V', 'P', '9' };
        byte[] entry = concat(new byte[] { (byte) 0xAE, (byte) (0x80 | (codec.length + videoEl.length)) }, codec,
                videoEl);
        byte[] tracks = concat(new byte[] { 0x16, 0x54, (byte) 0xAE, 0x6B, (byte) (0x80 | entry.length) }, entry);
        byte[] info = { 0x15, 0x49, (byte) 0xA9, 0x66, (byte) 0x83, 0x2A, (byte) 0xD7, (byte) 0xB1 };
        // a segment of unknown size, as live encoders write it
        byte[] segment = concat(new byte[] { 0x18, 0x53, (byte) 0x80, 0x67, 0x01, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF }, info, tracks);
        return concat(new byte[] { 0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, (byte) (0x80 | header.length) }, header,
                segment);
    }

    @Test
    void otherContainers() {
        ByteBuffer avi = le(72).put("RIFF".getBytes()).putInt(1000).put("AVI LIST".getBytes()).putInt(200)
                .put("hdrlavih".getBytes()).putInt(56);
        avi.position(64);
        avi.putInt(320).putInt(240);
        assertInfo(inspect(avi.array()), MediaKind.VIDEO, "avi", 320, 240);
        assertInfo(inspect(new byte[] { 'F', 'L', 'V', 1, 5, 0, 0, 0, 9 }), MediaKind.VIDEO, "flv", null, null);

        byte[] theora = new byte[80];
        System.arraycopy("OggS".getBytes(), 0, theora, 0, 4);
        int t = 28;
        byte[] magic = { (byte) 0x80, 't', 'h', 'e', 'o', 'r', 'a', 3, 2, 1, 0, 40, 0, 30, 0, 2, (byte) 0x80, 0, 1,
                (byte) 0xE0 };
        System.arraycopy(magic, 0, theora, t, magic.length);
        assertInfo(inspect(theora), MediaKind.VIDEO, "ogv", 640, 480);

        byte[] ps = { 0, 0, 1, (byte) 0xBA, 0x44, 0, 4, 0, 4, 1, 1, (byte) 0x89, (byte) 0xC3, (byte) 0xF8, 0, 0, 1,
                (byte) 0xB3, 0x2D, 0x01, (byte) 0xE0, 0x24 };
        assertInfo(inspect(ps), MediaKind.VIDEO, "mpeg", 720, 480);

        byte[] ts = new byte[188 * 3];
        ts[0] = ts[188] = ts[376] = 0x47;
        assertInfo(inspect(ts), MediaKind.VIDEO, "ts", null, null);
        ts[376] = 0;
        assertEquals(MediaInfo.UNKNOWN, inspect(ts));
    }

    @Test
    void unknownAndDegenerateInputs() {
        assertEquals(MediaInfo.UNKNOWN, MediaInspector.inspect(null, 10));
        assertEquals(MediaInfo.UNKNOWN, MediaInspector.inspect(new byte[0], 0));
        assertEquals(MediaInfo.UNKNOWN, MediaInspector.inspect(new byte[10], -5));
        assertEquals(MediaInfo.UNKNOWN, MediaInspector.inspect(new byte[] { 1, 2, 3 }, 99));
        assertEquals(MediaInfo.UNKNOWN, inspect(utf8("hello world, plain text file")));
        assertEquals(MediaInfo.UNKNOWN, inspect(utf8("BM is a text that starts like a bitmap")));
        assertEquals(MediaInfo.UNKNOWN, inspect(utf8("%PDF-1.7")));
        assertEquals(MediaInfo.UNKNOWN, inspect(utf8("PK\u0003\u0004zip")));
    }

    @Test
    void randomBytesNeverThrowAndAreUnknown() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[random.nextInt(2048)];
            random.nextBytes(b);
            assertEquals(MediaInfo.UNKNOWN, inspect(b), "sample " + i);
        }
    }

    @Test
    void garbageAfterValidSignaturesNeverThrows() {
        Random random = new Random(7);
        byte[][] signatures = { { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A }, { (byte) 0xFF, (byte) 0xD8,
                (byte) 0xFF }, "GIF89a".getBytes(), "RIFF0000WEBPVP8X".getBytes(), "RIFF0000AVI ".getBytes(),
                "II*\0".getBytes(), "MM\0*".getBytes(), { 0, 0, 0, 0x20, 'f', 't', 'y', 'p' },
                { 0x1A, 0x45, (byte) 0xDF, (byte) 0xA3 }, "OggS".getBytes(), { 0, 0, 1, (byte) 0xBA } };
        for (byte[] sig : signatures) {
            for (int i = 0; i < 300; i++) {
                byte[] b = new byte[sig.length + random.nextInt(600)];
                random.nextBytes(b);
                System.arraycopy(sig, 0, b, 0, sig.length);
                MediaInfo info = inspect(b);
                if (info.width() != null) {
                    assertEquals(info.height() != null, true);
                } else {
                    assertNull(info.height());
                }
            }
        }
    }

    @Test
    void isFast() throws IOException {
        byte[] jpg = Arrays.copyOf(imageIo("jpg", 800, 600), MediaInspector.HEAD_SIZE);
        byte[] noise = new byte[MediaInspector.HEAD_SIZE];
        new Random(1).nextBytes(noise);
        for (int i = 0; i < 20_000; i++) { // warm-up
            MediaInspector.inspect(jpg, jpg.length);
            MediaInspector.inspect(noise, noise.length);
        }
        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            MediaInspector.inspect(jpg, jpg.length);
            MediaInspector.inspect(noise, noise.length);
        }
        long perCallMicros = (System.nanoTime() - start) / 20_000 / 1000;
        // generous bound for slow CI machines; typical is well under a microsecond
        org.junit.jupiter.api.Assertions.assertTrue(perCallMicros < 200, perCallMicros + " µs per call");
    }

    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    static ByteBuffer be(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.BIG_ENDIAN);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
