package io.quarkiverse.cloudinary.storage.emulator.media;

/**
 * Reads format and pixel size from a file's first bytes, without decoding it: it runs on every upload, so it only
 * looks at signatures and the header fields that state the size. Garbage or truncated input yields
 * {@link MediaInfo#UNKNOWN} or a format without size, never an exception.
 */
public final class MediaInspector {

    /** How many leading bytes callers should pass to {@link #inspect(byte[], int)}. */
    public static final int HEAD_SIZE = 64 * 1024;

    private MediaInspector() {
    }

    /**
     * @param head the first bytes of the file (up to {@link #HEAD_SIZE})
     * @param length how many bytes of {@code head} are valid
     */
    public static MediaInfo inspect(byte[] head, int length) {
        Head h = new Head(head, length);
        if (h.len < 2) {
            return MediaInfo.UNKNOWN;
        }
        try {
            MediaInfo info = ImageHeaders.detect(h);
            if (info == null) {
                info = VideoHeaders.detect(h);
            }
            return info == null ? MediaInfo.UNKNOWN : info;
        } catch (RuntimeException e) {
            // the readers are bounds-checked; this only guards against a parsing slip on hostile input
            return MediaInfo.UNKNOWN;
        }
    }
}
