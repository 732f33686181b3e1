package io.quarkiverse.cloudinary.storage;

/**
 * A file meant for a video field is not a video, judged by its bytes. Nothing was uploaded. A REST resource maps it to
 * 400; its message is {@code quarkus.cloudinary.media.invalid-video-message}.
 */
public class InvalidVideoException extends RuntimeException {

    private final String name;
    private final String detectedType;

    public InvalidVideoException(String message, String name, String detectedType) {
        super(message);
        this.name = name;
        this.detectedType = detectedType;
    }

    /** The name the file was to be stored under. */
    public String name() {
        return name;
    }

    /** What the content looked like, for example {@code image/png}. */
    public String detectedType() {
        return detectedType;
    }
}
