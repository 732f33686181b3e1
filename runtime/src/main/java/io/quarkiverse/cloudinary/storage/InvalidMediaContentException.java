package io.quarkiverse.cloudinary.storage;

import java.util.List;

/**
 * A file's content is not of a type its storage or field accepts, judged by its bytes. Nothing was uploaded. The
 * default REST exception mappers answer 400.
 */
public class InvalidMediaContentException extends RuntimeException {

    private final String name;
    private final String detectedType;
    private final List<String> acceptedTypes;

    public InvalidMediaContentException(String message, String name, String detectedType, List<String> acceptedTypes) {
        super(message);
        this.name = name;
        this.detectedType = detectedType;
        this.acceptedTypes = List.copyOf(acceptedTypes);
    }

    /** The name the file was to be stored under. */
    public String name() {
        return name;
    }

    /** What the content looked like, for example {@code image/png}. */
    public String detectedType() {
        return detectedType;
    }

    /** The media types and wildcards that would have been accepted, for example {@code image/*}. */
    public List<String> acceptedTypes() {
        return acceptedTypes;
    }
}
