package io.quarkiverse.cloudinary.storage.emulator.media;

/**
 * What {@link MediaInspector} read from a file's head.
 *
 * @param kind image, video or anything else
 * @param format Cloudinary's format name ({@code png}, {@code jpg}, {@code gif}, {@code webp}, {@code bmp},
 *        {@code tiff}, {@code mp4}, {@code mov}, {@code webm}, {@code avi}, ...), or {@code null} when unknown
 * @param width pixels when the header states it, else {@code null}
 * @param height pixels when the header states it, else {@code null}
 */
public record MediaInfo(MediaKind kind, String format, Integer width, Integer height) {

    public static final MediaInfo UNKNOWN = new MediaInfo(MediaKind.OTHER, null, null, null);
}
