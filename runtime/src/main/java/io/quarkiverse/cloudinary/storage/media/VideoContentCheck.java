package io.quarkiverse.cloudinary.storage.media;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

import io.quarkiverse.cloudinary.storage.InvalidVideoException;

/**
 * Tells videos from everything else by their first bytes, with Tika's magic numbers. The name is never consulted, so a
 * picture called {@code clip.mp4} is still a picture.
 * <p>
 * What counts as a video, given what tika-core 3.2.3 reports from the bytes alone:
 * <ul>
 * <li>any {@code video/*} type (MP4, QuickTime, M4V, 3GP, AVI, FLV, MPEG program streams, WMV), except bare
 * {@code video/x-ms-asf};</li>
 * <li>{@code application/x-matroska}: Tika core's only answer for WebM and for most MKV files. An audio-only Matroska
 * or WebM file passes too: telling it apart needs the track list, which Tika core does not read. The same holds for
 * an audio-only MP4 with a generic brand such as {@code isom};</li>
 * <li>bare {@code video/x-ms-asf}, which Tika reports for WMV and for audio-only ASF alike unless it finds a codec name,
 * only when the ASF header declares a video stream;</li>
 * <li>any Ogg file only when one of its streams is Theora, Daala or OGM video: Tika reports Ogg Theora as
 * {@code application/ogg}, the same as Ogg Opus, and a Vorbis-then-Theora file as {@code audio/vorbis}.</li>
 * </ul>
 * Everything else is refused, including {@code application/mp4} (data in an MP4 container; Tika has no magic for it),
 * audio ({@code audio/mp4} for M4A, {@code audio/mpeg}, {@code audio/x-ms-wma}) and MPEG transport streams, which Tika
 * core does not recognise ({@code application/octet-stream}).
 */
public final class VideoContentCheck {

    /** Tika's longest magic offset stays below this; the head is all that is read before the upload starts. */
    static final int HEAD_SIZE = 64 * 1024;

    private static final MediaType MATROSKA = MediaType.application("x-matroska");
    private static final MediaType ASF = MediaType.video("x-ms-asf");
    /** ASF_Video_Media, as it is laid out in a Stream Properties Object (little-endian GUID fields). */
    private static final byte[] ASF_VIDEO_MEDIA = HexFormat.of().parseHex("c0ef19bc4d5bcf11a8fd00805f5c442b");
    private static final byte[] OGG_CAPTURE = "OggS".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] OGG_VIDEO_PACKETS = { { (byte) 0x80, 't', 'h', 'e', 'o', 'r', 'a' },
            { (byte) 0x80, 'd', 'a', 'a', 'l', 'a' }, { 0x01, 'v', 'i', 'd', 'e', 'o' } };

    private static volatile MimeTypes mimeTypes;

    private final String rejection;

    /** @param rejection the message of every {@link InvalidVideoException} this check throws */
    public VideoContentCheck(String rejection) {
        this.rejection = Objects.requireNonNull(rejection, "rejection");
    }

    /**
     * Reads at most the first {@value #HEAD_SIZE} bytes, plus one, of the content to judge it. The caller keeps owning
     * {@code content}: it is not closed here, not even when the check fails.
     *
     * @param name the name the content is to be stored under; only reported, never used to judge
     * @return a stream yielding the whole content, head included, when it is a video
     * @throws InvalidVideoException when it is not
     */
    public InputStream requireVideo(InputStream content, String name) {
        // the buffer holds exactly the head, so reset() replays it and later reads go straight to the source
        BufferedInputStream buffered = new BufferedInputStream(content, HEAD_SIZE + 1);
        buffered.mark(HEAD_SIZE + 1);
        try {
            byte[] head = buffered.readNBytes(HEAD_SIZE);
            buffered.reset();
            MediaType type = detect(head, head.length);
            if (!isVideo(type, head, head.length)) {
                throw new InvalidVideoException(rejection, name, type.toString());
            }
            return buffered;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the content of " + name, e);
        }
    }

    /**
     * Whether a file starting with {@code head[0..length)} is a video. Give it the first {@value #HEAD_SIZE} bytes, or
     * the whole file when it is shorter.
     */
    public boolean isVideo(byte[] head, int length) {
        Objects.checkFromIndexSize(0, length, head.length);
        return isVideo(detect(head, length), head, length);
    }

    private static boolean isVideo(MediaType type, byte[] head, int length) {
        if (startsWith(head, length, OGG_CAPTURE)) {
            // Tika judges an Ogg file by its first stream only, and misses Theora even there
            return oggDeclaresVideo(head, length);
        }
        if (type.equals(ASF)) {
            return indexOf(head, length, ASF_VIDEO_MEDIA) >= 0;
        }
        return "video".equals(type.getType()) || type.equals(MATROSKA);
    }

    /**
     * Walks the beginning-of-stream pages, which an Ogg file puts before any data page, one per logical stream, each
     * holding its codec's identification packet.
     */
    private static boolean oggDeclaresVideo(byte[] head, int length) {
        int page = 0;
        while (page + 27 <= length && startsWith(head, page, length, OGG_CAPTURE)
                && (head[page + 5] & 0x02) != 0) {
            int segments = head[page + 26] & 0xff;
            int packet = page + 27 + segments;
            for (byte[] video : OGG_VIDEO_PACKETS) {
                if (startsWith(head, packet, length, video)) {
                    return true;
                }
            }
            int body = 0;
            for (int i = page + 27; i < packet && i < length; i++) {
                body += head[i] & 0xff;
            }
            page = packet + body;
        }
        return false;
    }

    /** What Tika makes of these bytes, by magic alone. */
    static MediaType detect(byte[] head, int length) {
        try {
            // no resource name in the metadata: a name would let Tika fall back on the extension
            return types().detect(new ByteArrayInputStream(head, 0, length), new Metadata());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MimeTypes types() {
        MimeTypes types = mimeTypes;
        if (types == null) {
            // parsing Tika's type database takes a few hundred milliseconds: once, on first use, never at class loading
            synchronized (VideoContentCheck.class) {
                if (mimeTypes == null) {
                    mimeTypes = MimeTypes.getDefaultMimeTypes(VideoContentCheck.class.getClassLoader());
                }
                types = mimeTypes;
            }
        }
        return types;
    }

    private static boolean startsWith(byte[] bytes, int length, byte[] prefix) {
        return startsWith(bytes, 0, length, prefix);
    }

    private static boolean startsWith(byte[] bytes, int from, int length, byte[] prefix) {
        return from >= 0 && from + prefix.length <= length
                && Arrays.equals(bytes, from, from + prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] bytes, int length, byte[] wanted) {
        for (int i = 0; i + wanted.length <= length; i++) {
            if (startsWith(bytes, i, length, wanted)) {
                return i;
            }
        }
        return -1;
    }
}
