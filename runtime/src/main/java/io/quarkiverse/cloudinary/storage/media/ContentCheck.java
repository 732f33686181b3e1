package io.quarkiverse.cloudinary.storage.media;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeType;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

import io.quarkiverse.cloudinary.storage.InvalidMediaContentException;
import io.quarkiverse.cloudinary.storage.InvalidVideoException;
import io.quarkiverse.cloudinary.storage.MediaTooLargeException;

/**
 * What a storage or a {@code @CloudinaryFile} field accepts, checked before anything is uploaded: the media type, told
 * from the first bytes with Tika's magic numbers (the name is never consulted, so a picture called {@code clip.mp4} is
 * still a picture), and the size.
 * <p>
 * The detected type is what tika-core 3.2.3 reports from the bytes alone, corrected where Tika core cannot see a video:
 * <ul>
 * <li>Matroska files ({@code application/x-matroska} to Tika core) are {@code video/webm} or {@code video/x-matroska},
 * after the document type their header declares. An audio-only Matroska or WebM file reads as video too: telling it
 * apart needs the track list, which is not read. The same holds for an audio-only MP4 with a generic brand such as
 * {@code isom} ({@code video/quicktime});</li>
 * <li>an ASF file that Tika reports as bare {@code video/x-ms-asf} (it does so for WMV and audio-only ASF alike unless it
 * finds a codec name) stays {@code video/x-ms-asf} only when its header declares a video stream, and is
 * {@code application/vnd.ms-asf} otherwise;</li>
 * <li>an Ogg file is {@code video/ogg} when one of its streams is Theora, Daala or OGM video: Tika reports Ogg Theora as
 * {@code application/ogg}, the same as Ogg Opus, and a Vorbis-then-Theora file as {@code audio/vorbis}.</li>
 * </ul>
 * So {@code video/*} accepts MP4, QuickTime, M4V, 3GP, AVI, FLV, MPEG program streams, WMV, WebM, MKV and Ogg video, and
 * refuses {@code application/mp4} (data in an MP4 container; Tika has no magic for it), audio ({@code audio/mp4} for M4A,
 * {@code audio/mpeg}, {@code audio/x-ms-wma}) and MPEG transport streams, which Tika core does not recognise
 * ({@code application/octet-stream}).
 */
public final class ContentCheck {

    /** Accepts anything of any size. */
    public static final ContentCheck ANY = new ContentCheck(null, List.of(), 0, null);

    /** Tika's longest magic offset stays below this; the head is all that is read before the upload starts. */
    static final int HEAD_SIZE = 64 * 1024;

    private static final Pattern ACCEPTED_TYPE = Pattern
            .compile("[a-z0-9][a-z0-9!#$&^_.+-]*/(\\*|[a-z0-9][a-z0-9!#$&^_.+-]*)");
    private static final MediaType MATROSKA = MediaType.application("x-matroska");
    private static final MediaType WEBM = MediaType.video("webm");
    private static final MediaType MATROSKA_VIDEO = MediaType.video("x-matroska");
    private static final MediaType ASF = MediaType.video("x-ms-asf");
    private static final MediaType ASF_WITHOUT_VIDEO = MediaType.application("vnd.ms-asf");
    private static final MediaType OGG_VIDEO = MediaType.video("ogg");
    /** What {@link #detect} can answer beyond Tika's magic: its corrections and its two fallbacks. */
    private static final Set<MediaType> DETECTED_WITHOUT_MAGIC = Set.of(WEBM, MATROSKA_VIDEO, ASF_WITHOUT_VIDEO, OGG_VIDEO,
            MediaType.TEXT_PLAIN, MediaType.OCTET_STREAM);
    /** ASF_Video_Media, as it is laid out in a Stream Properties Object (little-endian GUID fields). */
    private static final byte[] ASF_VIDEO_MEDIA = HexFormat.of().parseHex("c0ef19bc4d5bcf11a8fd00805f5c442b");
    /** The EBML DocType element's id, then a one-byte size of 4 ({@code webm}). */
    private static final byte[] EBML_DOCTYPE_WEBM = { 0x42, (byte) 0x82, (byte) 0x84, 'w', 'e', 'b', 'm' };
    private static final int EBML_HEADER_SEARCH = 64;
    private static final byte[] OGG_CAPTURE = "OggS".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] OGG_VIDEO_PACKETS = { { (byte) 0x80, 't', 'h', 'e', 'o', 'r', 'a' },
            { (byte) 0x80, 'd', 'a', 'a', 'l', 'a' }, { 0x01, 'v', 'i', 'd', 'e', 'o' } };

    private static volatile MimeTypes mimeTypes;

    private final String subject;
    private final List<String> accepted;
    private final long maxSize;
    private final String videoRejection;

    private ContentCheck(String subject, List<String> accepted, long maxSize, String videoRejection) {
        this.subject = subject;
        this.accepted = List.copyOf(accepted);
        this.maxSize = maxSize;
        this.videoRejection = videoRejection;
    }

    /**
     * What the video storage accepts: any video, refused with an {@link InvalidVideoException} carrying this message.
     */
    public static ContentCheck video(String rejection) {
        return new ContentCheck("the video storage", List.of("video/*"), 0, Objects.requireNonNull(rejection));
    }

    /**
     * @param subject who accepts, named in messages, for example {@code MediaItem.image}
     * @param accepted media types ({@code image/png}) and wildcards ({@code image/*}), as {@link #acceptedType} gives
     *        them; empty for any
     * @param maxSize the most bytes accepted, or 0 for no limit
     */
    public static ContentCheck of(String subject, List<String> accepted, long maxSize) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("A size limit cannot be negative: " + maxSize);
        }
        return accepted.isEmpty() && maxSize == 0 ? ANY : new ContentCheck(subject, accepted, maxSize, null);
    }

    /**
     * Checks a stream, reading at most the first {@value #HEAD_SIZE} bytes, plus one, to judge its type. The caller keeps
     * owning {@code content}: it is not closed here, not even when the check fails. With a size limit, a stream of
     * unknown length is counted as it is read, and reading past the limit throws {@link MediaTooLargeException}.
     *
     * @param knownLength the stream's length, or -1 when unknown
     * @param name the name the content is to be stored under; only reported, never used to judge
     * @return a stream yielding the whole content, head included
     */
    public InputStream check(InputStream content, long knownLength, String name) {
        if (knownLength >= 0) {
            checkSize(knownLength, name);
        }
        InputStream checked = content;
        if (!accepted.isEmpty()) {
            // the buffer holds exactly the head, so reset() replays it and later reads go straight to the source
            BufferedInputStream buffered = new BufferedInputStream(content, HEAD_SIZE + 1);
            buffered.mark(HEAD_SIZE + 1);
            try {
                byte[] head = buffered.readNBytes(HEAD_SIZE);
                buffered.reset();
                checkType(head, head.length, name);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the content of " + name, e);
            }
            checked = buffered;
        }
        return maxSize > 0 && knownLength < 0 ? new Limited(checked, name) : checked;
    }

    /** Checks a file from its size and its first {@value #HEAD_SIZE} bytes. */
    public void check(Path file, String name) {
        try {
            checkSize(Files.size(file), name);
            if (!accepted.isEmpty()) {
                try (InputStream in = Files.newInputStream(file)) {
                    byte[] head = in.readNBytes(HEAD_SIZE);
                    checkType(head, head.length, name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    /**
     * Whether a file starting with {@code head[0..length)} has an accepted type. Give it the first {@value #HEAD_SIZE}
     * bytes, or the whole file when it is shorter.
     */
    public boolean accepts(byte[] head, int length) {
        Objects.checkFromIndexSize(0, length, head.length);
        return accepted.isEmpty() || accepts(detect(head, length));
    }

    /** The media types and wildcards accepted; empty when any is. */
    public List<String> accepted() {
        return accepted;
    }

    /** The most bytes accepted, or 0 for no limit. */
    public long maxSize() {
        return maxSize;
    }

    /**
     * The media type of a file starting with {@code head[0..length)}, judged by its bytes as the class comment says.
     */
    public static MediaType detect(byte[] head, int length) {
        MediaType type = tikaType(head, length);
        if (startsWith(head, 0, length, OGG_CAPTURE)) {
            // Tika judges an Ogg file by its first stream only, and misses Theora even there
            return oggDeclaresVideo(head, length) ? OGG_VIDEO : type;
        }
        if (type.equals(ASF)) {
            return indexOf(head, length, ASF_VIDEO_MEDIA) >= 0 ? ASF : ASF_WITHOUT_VIDEO;
        }
        if (type.equals(MATROSKA)) {
            return indexOf(head, Math.min(length, EBML_HEADER_SEARCH), EBML_DOCTYPE_WEBM) >= 0 ? WEBM : MATROSKA_VIDEO;
        }
        return type;
    }

    /**
     * An accepted type as an annotation states it, checked and in the form {@link #detect} answers: lower case, aliases
     * resolved ({@code image/x-ms-bmp} is {@code image/bmp}).
     *
     * @throws IllegalArgumentException saying what is wrong: not a media type, a type Tika does not know, or one it
     *         cannot recognise by its bytes
     */
    public static String acceptedType(String value) {
        String type = value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT);
        if (!ACCEPTED_TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a media type: write type/subtype, such as"
                    + " image/png, or type/*, such as image/*");
        }
        MimeTypes types = types();
        String topLevel = type.substring(0, type.indexOf('/'));
        if (type.endsWith("/*")) {
            boolean known = types.getMediaTypeRegistry().getTypes().stream().anyMatch(t -> t.getType().equals(topLevel));
            if (!known) {
                throw new IllegalArgumentException("'" + value + "': no media type starts with '" + topLevel + "/'");
            }
            return type;
        }
        MediaType normalized = types.getMediaTypeRegistry().normalize(MediaType.parse(type));
        MimeType registered = registered(types, normalized);
        if (registered == null) {
            MimeType byExtension = types.getMimeType("file." + type.substring(type.indexOf('/') + 1));
            String hint = byExtension.getType().equals(MediaType.OCTET_STREAM) ? ""
                    : "; files named *." + type.substring(type.indexOf('/') + 1) + " are " + byExtension.getName();
            throw new IllegalArgumentException("'" + value + "' is not a media type Tika knows" + hint);
        }
        if (!registered.hasMagic() && !DETECTED_WITHOUT_MAGIC.contains(normalized)
                && !types.getMediaTypeRegistry().isSpecializationOf(normalized, MediaType.APPLICATION_XML)) {
            throw new IllegalArgumentException("'" + value + "' cannot be recognised by its bytes, only by its name;"
                    + " such files are detected as " + detectableSupertype(types, normalized));
        }
        return normalized.toString();
    }

    private static String detectableSupertype(MimeTypes types, MediaType type) {
        for (MediaType t = types.getMediaTypeRegistry().getSupertype(type); t != null; t = types.getMediaTypeRegistry()
                .getSupertype(t)) {
            MimeType registered = registered(types, t);
            if (DETECTED_WITHOUT_MAGIC.contains(t) || registered != null && registered.hasMagic()) {
                return t.toString();
            }
        }
        return MediaType.OCTET_STREAM.toString();
    }

    private static MimeType registered(MimeTypes types, MediaType type) {
        try {
            return types.getRegisteredMimeType(type.toString());
        } catch (MimeTypeException e) {
            return null;
        }
    }

    private boolean accepts(MediaType type) {
        String base = type.getBaseType().toString();
        for (String pattern : accepted) {
            if (pattern.endsWith("/*") ? type.getType().equals(pattern.substring(0, pattern.length() - 2))
                    : pattern.equals(base)) {
                return true;
            }
        }
        return false;
    }

    private void checkType(byte[] head, int length, String name) {
        MediaType type = detect(head, length);
        if (accepts(type)) {
            return;
        }
        if (videoRejection != null) {
            throw new InvalidVideoException(videoRejection, name, type.toString());
        }
        throw new InvalidMediaContentException(subject + " accepts " + String.join(", ", accepted) + "; " + name
                + " is " + type.getBaseType(), name, type.getBaseType().toString(), accepted);
    }

    private void checkSize(long size, String name) {
        if (maxSize > 0 && size > maxSize) {
            throw tooLarge(name, size);
        }
    }

    private MediaTooLargeException tooLarge(String name, long size) {
        String actual = size < 0 ? "more" : size + " bytes";
        return new MediaTooLargeException(subject + " accepts at most " + maxSize + " bytes; " + name + " has " + actual,
                name, size, maxSize);
    }

    /** Counts what is read and refuses to go past the limit. */
    private final class Limited extends FilterInputStream {

        private final String name;
        private long read;

        Limited(InputStream in, String name) {
            super(in);
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > maxSize) {
                throw tooLarge(name, -1);
            }
        }
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
    static MediaType tikaType(byte[] head, int length) {
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
            synchronized (ContentCheck.class) {
                if (mimeTypes == null) {
                    mimeTypes = MimeTypes.getDefaultMimeTypes(ContentCheck.class.getClassLoader());
                }
                types = mimeTypes;
            }
        }
        return types;
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
