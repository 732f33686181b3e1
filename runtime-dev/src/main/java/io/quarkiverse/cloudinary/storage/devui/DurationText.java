package io.quarkiverse.cloudinary.storage.devui;

import java.time.Duration;

/** Durations as people write them in {@code application.properties}: {@code 10s}, {@code 200ms}, {@code 1h}. */
final class DurationText {

    private DurationText() {
    }

    static String of(Duration duration) {
        if (duration == null) {
            return "";
        }
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds == 0) {
            return "0s";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
