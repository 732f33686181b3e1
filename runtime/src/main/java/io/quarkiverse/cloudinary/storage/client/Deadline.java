package io.quarkiverse.cloudinary.storage.client;

import java.time.Duration;

/**
 * When one call to Cloudinary must be over, its retries included. Each attempt waits no longer than what is left.
 */
public final class Deadline {

    private static final Deadline NONE = new Deadline(null, Long.MAX_VALUE);

    private final Duration length;
    private final long endNanos;

    private Deadline(Duration length, long endNanos) {
        this.length = length;
        this.endNanos = endNanos;
    }

    /** A deadline that ends {@code length} from now. */
    public static Deadline after(Duration length) {
        return new Deadline(length, System.nanoTime() + length.toNanos());
    }

    /** No deadline: for work whose length depends on its size, bounded by its attempts' own timeouts only. */
    public static Deadline none() {
        return NONE;
    }

    /** The length it was given; {@code null} for {@link #none()}. */
    public Duration length() {
        return length;
    }

    public boolean bounded() {
        return length != null;
    }

    public Duration remaining() {
        if (!bounded()) {
            return Duration.ofMillis(Long.MAX_VALUE);
        }
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    public boolean passed() {
        return bounded() && endNanos - System.nanoTime() <= 0;
    }

    /**
     * A timeout cut to what is left, in whole milliseconds and never 0, which the HTTP client would read as "wait
     * forever".
     */
    public int cap(Duration timeout) {
        long millis = Math.min(timeout.toMillis(), remaining().toMillis());
        return (int) Math.max(1, Math.min(millis, Integer.MAX_VALUE));
    }
}
