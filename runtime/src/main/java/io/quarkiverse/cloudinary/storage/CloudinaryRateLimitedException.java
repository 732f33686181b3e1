package io.quarkiverse.cloudinary.storage;

import java.time.Instant;

/**
 * The Admin API's hourly call budget is spent (HTTP 420). Calls succeed again after {@link #resetAt()}.
 */
public class CloudinaryRateLimitedException extends CloudinaryException {

    private final Instant resetAt;

    public CloudinaryRateLimitedException(String operation, int status, String cloudinaryMessage, Instant resetAt,
            Throwable cause) {
        super(operation, status, cloudinaryMessage + " (the limit resets at " + resetAt + ")", cause);
        this.resetAt = resetAt;
    }

    /** When Cloudinary's rate limit window ends. */
    public Instant resetAt() {
        return resetAt;
    }
}
