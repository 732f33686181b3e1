package io.quarkiverse.cloudinary.storage.media;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

import io.quarkiverse.cloudinary.storage.InvalidVideoException;

/**
 * Tells videos from everything else by their first bytes, with Tika's magic numbers. The name is never consulted, so a
 * picture called {@code clip.mp4} is still a picture.
 */
public final class VideoContentCheck {

    /** More than Tika's longest magic offset; the head is all that is read before the upload starts. */
    static final int HEAD_SIZE = 64 * 1024;

    private static final MediaType MATROSKA = MediaType.application("x-matroska");
    private static volatile MimeTypes mimeTypes;

    private final String rejection;

    public VideoContentCheck(String rejection) {
        this.rejection = rejection;
    }

    /**
     * @return a stream yielding the whole content, head included, when it is a video
     * @throws InvalidVideoException when it is not; nothing beyond the head was read
     */
    public InputStream requireVideo(InputStream content, String name) {
        BufferedInputStream buffered = new BufferedInputStream(content, HEAD_SIZE + 1);
        buffered.mark(HEAD_SIZE + 1);
        try {
            byte[] head = buffered.readNBytes(HEAD_SIZE);
            buffered.reset();
            MediaType type = detect(head, head.length);
            if (!isVideo(type)) {
                throw new InvalidVideoException(rejection, name, type.toString());
            }
            return buffered;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the content of " + name, e);
        }
    }

    /** Whether a file starting with these bytes is a video. */
    public boolean isVideo(byte[] head, int length) {
        return isVideo(detect(head, length));
    }

    private static boolean isVideo(MediaType type) {
        // Tika names the Matroska family (WebM, MKV) by its generic container type; audio-only files are audio/*
        return "video".equals(type.getType()) || type.equals(MATROSKA);
    }

    static MediaType detect(byte[] head, int length) {
        try {
            // no resource name in the metadata: detection by magic bytes only
            return types().detect(new ByteArrayInputStream(head, 0, length), new Metadata());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MimeTypes types() {
        MimeTypes types = mimeTypes;
        if (types == null) {
            // parsing Tika's type database takes a while: once, on first use, never at class loading
            synchronized (VideoContentCheck.class) {
                if (mimeTypes == null) {
                    mimeTypes = MimeTypes.getDefaultMimeTypes(VideoContentCheck.class.getClassLoader());
                }
                types = mimeTypes;
            }
        }
        return types;
    }
}
