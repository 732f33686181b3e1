package io.quarkiverse.cloudinary.storage.emulator.media;

/** What the first bytes of a file say it is, which decides the resource type of an {@code auto} upload. */
public enum MediaKind {
    IMAGE,
    VIDEO,
    OTHER;

    public String resourceType() {
        return switch (this) {
            case IMAGE -> "image";
            case VIDEO -> "video";
            case OTHER -> "raw";
        };
    }
}
