package io.quarkiverse.cloudinary.storage.emulator.media;

/**
 * Reads format and pixel size from a file's first bytes, without decoding it. PLACEHOLDER: replaced by the real
 * inspector (see the delivery/media work); only the signature is the contract.
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
        return MediaInfo.UNKNOWN;
    }
}
