package io.quarkiverse.cloudinary.storage.it;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Bytes that look like what users upload. */
final class Samples {

    private Samples() {
    }

    /** An MP4 file head (an {@code ftyp} box) followed by pseudo-random bytes. */
    static byte[] mp4(int size, long seed) {
        byte[] bytes = random(size, seed);
        ByteBuffer head = ByteBuffer.wrap(bytes);
        head.putInt(24).put("ftyp".getBytes(StandardCharsets.US_ASCII)).put("isom".getBytes(StandardCharsets.US_ASCII))
                .putInt(512).put("isommp41".getBytes(StandardCharsets.US_ASCII));
        head.putInt(size - 24).put("mdat".getBytes(StandardCharsets.US_ASCII));
        return bytes;
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] text(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }
}
