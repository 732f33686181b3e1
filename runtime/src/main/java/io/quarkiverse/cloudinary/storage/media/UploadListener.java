package io.quarkiverse.cloudinary.storage.media;

/**
 * Hears which names one save sends a file under, so that its caller can delete exactly what that save created, and
 * nothing else: {@link CloudinaryStorage#deleteOwnUpload} deletes a name only while the file there carries the save's
 * upload mark.
 */
@FunctionalInterface
public interface UploadListener {

    /** Hears nothing. */
    UploadListener NONE = (storedName, uploadMark) -> {
    };

    /**
     * Called before the file is sent under {@code storedName}. From then on a file of this save may be there, even when
     * the call fails (the answer was lost), and it carries {@code uploadMark}.
     */
    void sending(String storedName, String uploadMark);
}
