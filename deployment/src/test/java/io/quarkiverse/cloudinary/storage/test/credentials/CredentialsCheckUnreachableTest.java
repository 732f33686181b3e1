package io.quarkiverse.cloudinary.storage.test.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.logging.Level;

import jakarta.inject.Inject;

import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.cloudinary.storage.client.CloudinarySettings;
import io.quarkus.test.QuarkusUnitTest;

/** Cloudinary out of reach at start: the check cannot tell, so the application starts and warns. */
class CredentialsCheckUnreachableTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.cloudinary.url", "cloudinary://key-4711:secret-4711@unreachable-cloud")
            .overrideConfigKey("quarkus.cloudinary.api-base-url", "http://127.0.0.1:" + closedPort())
            .overrideConfigKey("quarkus.cloudinary.check-credentials", "true")
            .overrideConfigKey("quarkus.cloudinary.retry.max-retries", "0")
            .setLogRecordPredicate(record -> record.getLevel().intValue() == Level.WARNING.intValue()
                    && record.getLoggerName().startsWith("io.quarkiverse.cloudinary"))
            .assertLogRecords(records -> {
                PatternFormatter message = new PatternFormatter("%s%n");
                String warnings = records.stream().map(message::format).reduce("", String::concat);
                assertTrue(warnings.contains("Could not check the Cloudinary credentials of cloud 'unreachable-cloud'"
                        + " with API key 'key-4711' at start"), warnings);
                assertFalse(warnings.contains("secret-4711"), warnings);
            });

    /** A port nothing listens on: taken, then given back. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Inject
    CloudinarySettings settings;

    @Test
    void theApplicationStartedWithTheseCredentials() {
        assertEquals("unreachable-cloud", settings.credentials().cloudName());
    }
}
