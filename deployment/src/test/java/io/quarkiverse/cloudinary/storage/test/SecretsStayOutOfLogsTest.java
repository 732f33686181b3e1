package io.quarkiverse.cloudinary.storage.test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.cloudinary.storage.CloudinaryNetworkException;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.client.CloudinarySettings;
import io.quarkus.test.QuarkusUnitTest;

/** Failing calls, retried with debug logging on, leave the secret out of every log record and exception. */
class SecretsStayOutOfLogsTest {

    static final String SECRET = "Sup3rSecretValue";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.cloudinary.url", "cloudinary://123456:" + SECRET + "@my-cloud")
            .overrideConfigKey("quarkus.cloudinary.api-base-url", "http://127.0.0.1:" + closedPort())
            .overrideConfigKey("quarkus.cloudinary.retry.max-retries", "2")
            .overrideConfigKey("quarkus.cloudinary.retry.initial-backoff", "1ms")
            .overrideConfigKey("quarkus.log.category.\"io.quarkiverse.cloudinary\".level", "DEBUG")
            .setLogRecordPredicate(record -> true)
            .assertLogRecords(records -> {
                Formatter formatter = new SimpleFormatter();
                assertTrue(records.size() > 0, "log records were captured");
                for (LogRecord record : records) {
                    String text = formatter.format(record);
                    assertFalse(text.contains(SECRET), "the secret was logged: " + text);
                }
            });

    @Inject
    CloudinaryOperations operations;

    @Inject
    CloudinarySettings settings;

    @Test
    void failuresDoNotCarryTheSecret() {
        CloudinaryNetworkException error = assertThrows(CloudinaryNetworkException.class,
                () -> operations.uploadIdempotent("upload of a", (uploader, options) -> uploader.upload(new byte[] { 1 },
                        options)));
        assertTrue(error.getMessage().contains("could not connect"), error.getMessage());
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(SECRET), t.toString());
        }
        assertFalse(settings.toString().contains(SECRET), settings.toString());
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
