package io.quarkiverse.cloudinary.storage.emulator.control;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The Admin API's hourly budget: every call spends one; at zero the API answers 420 until the window resets.
 */
public final class RateLimit {

    public static final long DEFAULT_LIMIT = 500;

    /** What one Admin call learns: whether it may proceed, and the headers to send either way. */
    public record Decision(boolean allowed, long limit, long remaining, Instant reset) {
        public String resetHeader() {
            return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(reset, ZoneOffset.UTC));
        }
    }

    private long limit = DEFAULT_LIMIT;
    private long remaining = DEFAULT_LIMIT;
    private Instant reset;
    private boolean fixedReset;

    public synchronized Decision spend() {
        Instant now = Instant.now();
        if (reset == null || !now.isBefore(reset)) {
            remaining = limit;
            reset = fixedReset && reset != null && now.isBefore(reset) ? reset : endOfHour(now);
            fixedReset = false;
        }
        if (remaining <= 0) {
            return new Decision(false, limit, 0, reset);
        }
        remaining--;
        return new Decision(true, limit, remaining, reset);
    }

    /**
     * @param resetIn seconds until the window resets; {@code <= 0} for the end of the current hour
     */
    public synchronized void set(long limit, long remaining, long resetIn) {
        this.limit = limit;
        this.remaining = remaining;
        Instant now = Instant.now();
        this.reset = resetIn > 0 ? now.plusSeconds(resetIn) : endOfHour(now);
        this.fixedReset = true;
    }

    public synchronized void reset() {
        limit = DEFAULT_LIMIT;
        remaining = DEFAULT_LIMIT;
        reset = null;
        fixedReset = false;
    }

    private static Instant endOfHour(Instant now) {
        return now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
    }
}
