package io.quarkiverse.cloudinary.storage.client;

import java.time.Instant;

/**
 * The Admin API's hourly budget as its last answer reported it.
 *
 * @param limit calls allowed per window
 * @param remaining calls left in the current window
 * @param resetAt end of the current window
 * @param observedAt when the answer carrying these numbers arrived
 */
public record RateLimitStatus(long limit, long remaining, Instant resetAt, Instant observedAt) {
}
