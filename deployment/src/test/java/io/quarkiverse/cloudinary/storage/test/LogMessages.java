package io.quarkiverse.cloudinary.storage.test;

import java.text.MessageFormat;
import java.util.logging.LogRecord;

/** Log records as the log shows them, for tests that check what the application said. */
public final class LogMessages {

    private LogMessages() {
    }

    /** The message with its parameters filled in, whether it was logged printf-style or {@code MessageFormat}-style. */
    public static String formatted(LogRecord record) {
        Object[] parameters = record.getParameters();
        if (record.getMessage() == null || parameters == null || parameters.length == 0) {
            return String.valueOf(record.getMessage());
        }
        return record.getMessage().contains("%") ? String.format(record.getMessage(), parameters)
                : MessageFormat.format(record.getMessage(), parameters);
    }
}
