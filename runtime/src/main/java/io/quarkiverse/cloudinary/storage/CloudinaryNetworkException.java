package io.quarkiverse.cloudinary.storage;

/**
 * No answer from Cloudinary: the connection could not be opened, timed out, or was closed mid-call.
 */
public class CloudinaryNetworkException extends CloudinaryException {

    public CloudinaryNetworkException(String operation, String description, Throwable cause) {
        super(operation, 0, description, cause);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
