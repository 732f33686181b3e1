package io.quarkiverse.cloudinary.storage.test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.Consumer;

import io.quarkus.runtime.configuration.ConfigurationException;

/** Assertions on why the application refused to start. */
final class StartupFailures {

    private StartupFailures() {
    }

    /**
     * Expects a {@link ConfigurationException} somewhere in the chain whose message contains every fragment and none
     * of the forbidden strings.
     */
    static Consumer<Throwable> configurationError(String[] fragments, String... forbidden) {
        return thrown -> {
            for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
                if (cause instanceof ConfigurationException) {
                    String message = cause.getMessage();
                    for (String fragment : fragments) {
                        assertTrue(message.contains(fragment), "'" + fragment + "' missing from: " + message);
                    }
                    for (String secret : forbidden) {
                        assertFalse(message.contains(secret), "message leaks '" + secret + "': " + message);
                    }
                    return;
                }
            }
            fail("expected a ConfigurationException, got " + thrown);
        };
    }
}
