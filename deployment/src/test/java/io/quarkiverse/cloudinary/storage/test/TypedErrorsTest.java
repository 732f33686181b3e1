package io.quarkiverse.cloudinary.storage.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.cloudinary.storage.CloudinaryBadRequestException;
import io.quarkiverse.cloudinary.storage.CloudinaryException;
import io.quarkiverse.cloudinary.storage.CloudinaryNetworkException;
import io.quarkiverse.cloudinary.storage.CloudinaryNotFoundException;
import io.quarkiverse.cloudinary.storage.CloudinaryRateLimitedException;
import io.quarkiverse.cloudinary.storage.CloudinaryServerException;
import io.quarkiverse.cloudinary.storage.CloudinaryUnauthorizedException;
import io.quarkiverse.cloudinary.storage.client.CloudinaryClientFactory;
import io.quarkiverse.cloudinary.storage.client.CloudinaryCredentials;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.client.CloudinarySettings;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Every way a call can fail, produced for real by the emulator Dev Service over HTTP, arrives as the matching typed
 * exception with Cloudinary's status and message.
 */
class TypedErrorsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.cloudinary.retry.max-retries", "2")
            .overrideConfigKey("quarkus.cloudinary.retry.initial-backoff", "5ms")
            .overrideConfigKey("quarkus.cloudinary.retry.max-rate-limit-wait", "0s");

    @Inject
    CloudinaryOperations operations;

    @Inject
    CloudinarySettings settings;

    EmulatorControlClient emulator;

    @BeforeEach
    void resetEmulator() {
        emulator = new EmulatorControlClient(
                ConfigProvider.getConfig().getValue("quarkus.cloudinary.api-base-url", String.class));
        emulator.reset();
    }

    private Map<?, ?> upload(String publicId) {
        return operations.upload("upload of " + publicId, (uploader, options) -> {
            options.put("public_id", publicId);
            options.put("resource_type", "raw");
            return uploader.upload(publicId.getBytes(), options);
        });
    }

    @Test
    void missingAssetIsNotFound() {
        CloudinaryNotFoundException error = assertThrows(CloudinaryNotFoundException.class,
                () -> operations.admin("details of nowhere/x", (api, options) -> api.resource("nowhere/x", options)));
        assertEquals(404, error.status());
        assertTrue(error.cloudinaryMessage().contains("Resource not found - nowhere/x"), error.cloudinaryMessage());
        assertTrue(error.getMessage().startsWith("Cloudinary details of nowhere/x failed: HTTP 404"), error.getMessage());
    }

    @Test
    void wrongSecretIsUnauthorizedOnBothApis() {
        CloudinaryCredentials real = settings.credentials();
        CloudinarySettings wrong = settings
                .withCredentials(new CloudinaryCredentials(real.cloudName(), real.apiKey(), "not-the-secret"));
        CloudinaryOperations wrongOperations = new CloudinaryOperations(
                CloudinaryClientFactory.create(wrong, CloudinaryClientFactory.connectionManager(wrong)), wrong);

        CloudinaryUnauthorizedException upload = assertThrows(CloudinaryUnauthorizedException.class,
                () -> wrongOperations.upload("upload of a", (uploader, options) -> uploader.upload(new byte[] { 1 },
                        options)));
        assertEquals(401, upload.status());
        assertTrue(upload.cloudinaryMessage().contains("Invalid Signature"), upload.cloudinaryMessage());

        CloudinaryUnauthorizedException admin = assertThrows(CloudinaryUnauthorizedException.class,
                () -> wrongOperations.admin("ping", (api, options) -> api.ping(options)));
        assertEquals(401, admin.status());
    }

    @Test
    void eachErrorStatusMapsToItsType() {
        Map<Integer, Class<? extends CloudinaryException>> expected = Map.of(
                400, CloudinaryBadRequestException.class,
                401, CloudinaryUnauthorizedException.class,
                403, CloudinaryUnauthorizedException.class,
                404, CloudinaryNotFoundException.class,
                409, CloudinaryBadRequestException.class,
                420, CloudinaryRateLimitedException.class,
                500, CloudinaryServerException.class);
        expected.forEach((status, type) -> {
            emulator.fault("admin:ping", status, 1);
            CloudinaryException admin = assertThrows(type, () -> operations.admin("ping", (api, o) -> api.ping(o)),
                    "Admin API " + status);
            assertEquals(status, admin.status(), "Admin API " + status);

            emulator.fault("upload:upload", status, 1);
            CloudinaryException upload = assertThrows(type, () -> upload("statuses/" + status),
                    "Upload API " + status);
            assertEquals(status, upload.status(), "Upload API " + status);
        });
    }

    @Test
    void rateLimitCarriesTheResetTime() {
        operations.admin("ping", (api, options) -> api.ping(options));
        emulator.rateLimit(500, 0);
        CloudinaryRateLimitedException error = assertThrows(CloudinaryRateLimitedException.class,
                () -> operations.adminIdempotent("listing", (api, options) -> api.resources(options)));
        assertEquals(420, error.status());
        assertTrue(error.resetAt().isAfter(Instant.now()), "reset " + error.resetAt());
        assertEquals(1, emulator.requestCount("admin:resources:list"), "a long rate limit is not retried");
    }

    @Test
    void droppedConnectionIsANetworkError() {
        emulator.disconnect("upload:upload", 1);
        CloudinaryNetworkException error = assertThrows(CloudinaryNetworkException.class, () -> upload("dropped/a.txt"));
        assertEquals(0, error.status());
        assertEquals("dropped/a.txt", upload("dropped/a.txt").get("public_id"), "the next call goes through");
    }

    @Test
    void idempotentCallsRetryServerErrorsThenSucceed() {
        emulator.fault("upload:upload", 500, 1);
        Map<?, ?> result = operations.uploadIdempotent("upload of retried.txt", (uploader, options) -> {
            options.put("public_id", "retried.txt");
            options.put("resource_type", "raw");
            return uploader.upload(new byte[] { 1, 2, 3 }, options);
        });
        assertEquals("retried.txt", result.get("public_id"));
        assertEquals(2, emulator.requestCount("upload:upload"), "one failure, one retry");
    }

    @Test
    void idempotentCallsGiveUpAfterTheConfiguredRetries() {
        emulator.fault("admin:ping", 503, 10);
        CloudinaryServerException error = assertThrows(CloudinaryServerException.class,
                () -> operations.adminIdempotent("ping", (api, options) -> api.ping(options)));
        assertEquals(503, error.status());
        assertEquals(3, emulator.requestCount("admin:ping"), "one try and two retries");
    }

    @Test
    void clientErrorsAreNotRetried() {
        emulator.fault("upload:upload", 400, 5);
        assertThrows(CloudinaryBadRequestException.class, () -> operations.uploadIdempotent("upload of bad",
                (uploader, options) -> uploader.upload(new byte[] { 1 }, options)));
        assertEquals(1, emulator.requestCount("upload:upload"));
    }
}
