package io.quarkiverse.cloudinary.storage;

/**
 * The asset, folder or account does not exist (HTTP 404).
 */
public class CloudinaryNotFoundException extends CloudinaryException {

    public CloudinaryNotFoundException(String operation, int status, String cloudinaryMessage, Throwable cause) {
        super(operation, status, cloudinaryMessage, cause);
    }
}
