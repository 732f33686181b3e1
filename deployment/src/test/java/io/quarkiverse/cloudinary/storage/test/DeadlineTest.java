package io.quarkiverse.cloudinary.storage.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.cloudinary.storage.CloudinaryNetworkException;
import io.quarkiverse.cloudinary.storage.CloudinaryServerException;
import io.quarkiverse.cloudinary.storage.CloudinaryTimeoutException;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkus.test.QuarkusUnitTest;

/**
 * One deadline per call, retries included, shown with the emulator's injected latency and faults: a slow answer ends at
 * the deadline rather than at the 60 s read timeout, retries stop when no time is left, and each attempt waits only for
 * what is left of it.
 */
class DeadlineTest {
    // each test uses an endpoint of its own: a request that a test gave up on still sleeps in the emulator, and
    // would take a fault queued for the next test when it wakes

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.cloudinary.http.deadline", "1500ms")
            .overrideConfigKey("quarkus.cloudinary.retry.max-retries", "10")
            .overrideConfigKey("quarkus.cloudinary.retry.initial-backoff", "50ms")
            .overrideConfigKey("quarkus.cloudinary.retry.max-backoff", "100ms");

    @Inject
    CloudinaryOperations operations;

    EmulatorControlClient emulator;

    @BeforeEach
    void resetEmulator() {
        emulator = new EmulatorControlClient(
                ConfigProvider.getConfig().getValue("quarkus.cloudinary.api-base-url", String.class));
        emulator.reset();
    }

    @Test
    void aSlowAnswerEndsAtTheDeadlineWithATypedTimeout() {
        emulator.latency("upload:upload", Duration.ofSeconds(6));
        long started = System.nanoTime();
        CloudinaryTimeoutException error = assertThrows(CloudinaryTimeoutException.class,
                () -> operations.upload("upload of slow.txt", (uploader, options) -> {
                    options.put("resource_type", "raw");
                    options.put("public_id", "slow.txt");
                    return uploader.upload(new byte[] { 1, 2, 3 }, options);
                }));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        // the emulator answers after 6 s, the read timeout is 60 s: only the deadline ends the call this early
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "took " + took);
        assertEquals(Duration.ofMillis(1500), error.deadline());
        assertEquals(1, error.attempts());
        assertEquals(0, error.status(), "no answer arrived");
        assertInstanceOf(CloudinaryNetworkException.class, error.getCause());
        assertTrue(error.getMessage().startsWith("Cloudinary upload of slow.txt failed: no success within the"
                + " deadline of 1500 ms (1 attempt"), error.getMessage());
    }

    @Test
    void retriesStopWhenTheDeadlineLeavesNoTime() {
        // every answer takes 400 ms and is a 503: the policy would try 11 times, the deadline lets about 3 start
        emulator.latency("admin:ping", Duration.ofMillis(400));
        emulator.fault("admin:ping", 503, 100);
        CloudinaryTimeoutException error = assertThrows(CloudinaryTimeoutException.class,
                () -> operations.adminIdempotent("ping", (api, options) -> api.ping(options)));
        long requests = emulator.requestCount("admin:ping");
        assertEquals(requests, error.attempts());
        assertTrue(requests >= 2 && requests <= 4, requests + " requests");
    }

    @Test
    void eachAttemptWaitsOnlyForWhatIsLeft() {
        // the first answer, a 503, takes 1 s; the second attempt has about 400 ms left, the emulator needs 1 s again
        emulator.latency("admin:usage", Duration.ofSeconds(1));
        emulator.fault("admin:usage", 503, 100);
        CloudinaryTimeoutException error = assertThrows(CloudinaryTimeoutException.class,
                () -> operations.adminIdempotent("usage", (api, options) -> api.usage(options)));
        assertEquals(2, error.attempts());
        // with its full read timeout, the second attempt would have ended with the emulator's 503
        CloudinaryNetworkException cut = assertInstanceOf(CloudinaryNetworkException.class, error.getCause());
        assertTrue(cut.cloudinaryMessage().startsWith("timed out waiting for the answer"), cut.cloudinaryMessage());
    }

    @Test
    void aFailureWithTimeLeftIsThrownAsItIs() {
        emulator.fault("admin:tags", 503, 11);
        CloudinaryServerException error = assertThrows(CloudinaryServerException.class,
                () -> operations.adminIdempotent("tags", (api, options) -> api.tags(options)));
        assertEquals(503, error.status());
        assertEquals(11, emulator.requestCount("admin:tags"), "one try and the ten retries, all within the deadline");
    }
}
