package io.quarkiverse.cloudinary.storage.test.devmode;

import java.util.List;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

/** The Dev Service's start lines among captured log records. */
final class DevServiceLog {

    static final String LOGGER = "io.quarkiverse.cloudinary.storage.deployment.devservices.CloudinaryDevServicesProcessor";

    private DevServiceLog() {
    }

    static boolean fromDevService(LogRecord record) {
        return LOGGER.equals(record.getLoggerName());
    }

    static List<String> startLines(List<LogRecord> records) {
        return records.stream().filter(DevServiceLog::fromDevService)
                .map(r -> r instanceof ExtLogRecord ext ? ext.getFormattedMessage() : r.getMessage())
                .filter(m -> m.startsWith("Cloudinary emulator Dev Service started at ")).toList();
    }
}
