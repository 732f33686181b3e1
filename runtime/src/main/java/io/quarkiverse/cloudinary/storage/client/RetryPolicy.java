package io.quarkiverse.cloudinary.storage.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * How idempotent calls are tried again: exponential backoff with full jitter, capped, so that many clients failing
 * together do not retry in lockstep.
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxRateLimitWait) {

    public static RetryPolicy from(CloudinaryRuntimeConfig.Retry retry) {
        if (retry.maxRetries() < 0) {
            throw new ConfigurationException("quarkus.cloudinary.retry.max-retries must not be negative, got "
                    + retry.maxRetries());
        }
        if (retry.initialBackoff().isNegative() || retry.maxBackoff().isNegative()
                || retry.maxRateLimitWait().isNegative()) {
            throw new ConfigurationException("quarkus.cloudinary.retry durations must not be negative");
        }
        return new RetryPolicy(retry.maxRetries(), retry.initialBackoff(), retry.maxBackoff(), retry.maxRateLimitWait());
    }

    /**
     * @param retry 1 for the first retry
     */
    public Duration backoff(int retry) {
        long ceiling = initialBackoff.toMillis() << Math.min(retry - 1, 20);
        long capped = Math.min(Math.max(ceiling, 0), maxBackoff.toMillis());
        // half fixed, half random: never zero, never in lockstep
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
