package io.quarkiverse.cloudinary.storage;

/**
 * Cloudinary refused the credentials or the signature (HTTP 401), or the account may not do this (HTTP 403).
 */
public class CloudinaryUnauthorizedException extends CloudinaryException {

    public CloudinaryUnauthorizedException(String operation, int status, String cloudinaryMessage, Throwable cause) {
        super(operation, status, cloudinaryMessage, cause);
    }
}
