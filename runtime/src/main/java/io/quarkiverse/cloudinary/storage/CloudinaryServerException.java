package io.quarkiverse.cloudinary.storage;

/**
 * Cloudinary failed (HTTP 5xx) or answered something that is not its API's JSON.
 */
public class CloudinaryServerException extends CloudinaryException {

    public CloudinaryServerException(String operation, int status, String cloudinaryMessage, Throwable cause) {
        super(operation, status, cloudinaryMessage, cause);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
