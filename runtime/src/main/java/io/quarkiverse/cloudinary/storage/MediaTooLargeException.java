package io.quarkiverse.cloudinary.storage;

/**
 * A file is larger than its {@code @CloudinaryFile} field accepts ({@code maxSize}). Nothing was uploaded. The default
 * REST exception mappers answer 400.
 */
public class MediaTooLargeException extends RuntimeException {

    private final String name;
    private final long size;
    private final long maxSize;

    public MediaTooLargeException(String message, String name, long size, long maxSize) {
        super(message);
        this.name = name;
        this.size = size;
        this.maxSize = maxSize;
    }

    /** The name the file was to be stored under. */
    public String name() {
        return name;
    }

    /** The file's size in bytes, or -1 for a stream refused once more than {@link #maxSize()} bytes were read. */
    public long size() {
        return size;
    }

    /** The most bytes accepted. */
    public long maxSize() {
        return maxSize;
    }
}
