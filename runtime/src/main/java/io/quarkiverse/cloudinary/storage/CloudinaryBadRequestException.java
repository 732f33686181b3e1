package io.quarkiverse.cloudinary.storage;

/**
 * Cloudinary rejected the request's content (HTTP 400, 409 and other 4xx): an invalid parameter, a file too large, a name
 * already taken.
 */
public class CloudinaryBadRequestException extends CloudinaryException {

    public CloudinaryBadRequestException(String operation, int status, String cloudinaryMessage, Throwable cause) {
        super(operation, status, cloudinaryMessage, cause);
    }
}
