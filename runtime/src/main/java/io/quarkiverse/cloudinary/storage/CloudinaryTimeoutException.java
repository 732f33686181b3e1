package io.quarkiverse.cloudinary.storage;

import java.time.Duration;

/**
 * A call did not finish within its deadline ({@code quarkus.cloudinary.http.deadline}), all its attempts included.
 * {@link #getCause()} is the last attempt's failure.
 */
public class CloudinaryTimeoutException extends CloudinaryNetworkException {

    private final Duration deadline;
    private final int attempts;

    public CloudinaryTimeoutException(String operation, Duration deadline, int attempts, Throwable lastFailure) {
        super(operation, "no success within the deadline of " + describe(deadline) + " (" + attempts
                + (attempts == 1 ? " attempt" : " attempts") + (lastFailure instanceof CloudinaryException last
                        ? "; the last one: " + last.cloudinaryMessage()
                        : "")
                + ")", lastFailure);
        this.deadline = deadline;
        this.attempts = attempts;
    }

    /** The deadline that passed. */
    public Duration deadline() {
        return deadline;
    }

    /** How many attempts were made before it passed. */
    public int attempts() {
        return attempts;
    }

    /** A deadline that passed stays passed: trying the same call again at once would use up a new one. */
    @Override
    public boolean isTransient() {
        return false;
    }

    private static String describe(Duration deadline) {
        return deadline.toMillis() % 1000 == 0 ? deadline.toSeconds() + " s" : deadline.toMillis() + " ms";
    }
}
