package io.quarkiverse.cloudinary.storage;

import java.util.List;

/**
 * A file meant for the video storage is not a video, judged by its bytes. Nothing was uploaded. Its message is
 * {@code quarkus.cloudinary.media.invalid-video-message}; the default REST exception mappers answer 400.
 */
public class InvalidVideoException extends InvalidMediaContentException {

    public InvalidVideoException(String message, String name, String detectedType) {
        super(message, name, detectedType, List.of("video/*"));
    }
}
