package io.quarkiverse.cloudinary.storage;

import java.util.Optional;

/**
 * A call to Cloudinary failed. Every failure of this extension's calls is one of the subclasses, so callers can catch
 * what they can handle: {@link CloudinaryNotFoundException}, {@link CloudinaryUnauthorizedException},
 * {@link CloudinaryRateLimitedException}, {@link CloudinaryServerException}, {@link CloudinaryNetworkException},
 * {@link CloudinaryBadRequestException}.
 */
public abstract class CloudinaryException extends RuntimeException {

    private final String operation;
    private final int status;
    private final String cloudinaryMessage;

    protected CloudinaryException(String operation, int status, String cloudinaryMessage, Throwable cause) {
        super(describe(operation, status, cloudinaryMessage), cause);
        this.operation = operation;
        this.status = status;
        this.cloudinaryMessage = cloudinaryMessage;
    }

    private static String describe(String operation, int status, String cloudinaryMessage) {
        String statusPart = status > 0 ? "HTTP " + status + ": " : "";
        return "Cloudinary " + operation + " failed: " + statusPart + cloudinaryMessage;
    }

    /** What was being done, for example {@code upload of media/cat}. */
    public String operation() {
        return operation;
    }

    /** The HTTP status Cloudinary answered, or 0 when no answer arrived. */
    public int status() {
        return status;
    }

    /** Cloudinary's own error message, or a description of the network failure. */
    public String cloudinaryMessage() {
        return cloudinaryMessage;
    }

    /** Whether trying the same idempotent call again may succeed. */
    public boolean isTransient() {
        return false;
    }

    /** Status code of a Cloudinary error answer, if there was one. */
    public Optional<Integer> httpStatus() {
        return status > 0 ? Optional.of(status) : Optional.empty();
    }
}
