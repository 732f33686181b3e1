package io.quarkiverse.cloudinary.storage.emulator;

import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.cloudinary.Cloudinary;
import com.cloudinary.api.ApiResponse;
import com.cloudinary.api.AuthorizationRequired;
import com.cloudinary.api.RateLimit;
import com.cloudinary.api.exceptions.ApiException;

/** Refusals and every error status as the SDK sees them, plus the control endpoints that tests rely on. */
class ErrorsAndControlsConformanceTest {

    @RegisterExtension
    static final EmulatorFixture fixture = new EmulatorFixture();

    @Test
    void wrongSecretFailsTheSignature() {
        Cloudinary wrong = fixture.client("not-the-secret", Map.of());
        RuntimeException upload = assertThrows(RuntimeException.class,
                () -> wrong.uploader().upload(new byte[] { 1 }, options("resource_type", "raw", "public_id", "x")));
        assertTrue(upload.getMessage().startsWith("Invalid Signature "), upload.getMessage());
        assertTrue(upload.getMessage().contains("String to sign - 'public_id=x&timestamp="), upload.getMessage());
        Map<?, ?> withStatus = assertNoThrow(() -> wrong.uploader().upload(new byte[] { 1 },
                options("resource_type", "raw", "return_error", true)));
        assertEquals(401, ((Map<?, ?>) withStatus.get("error")).get("http_code"));
        assertThrows(AuthorizationRequired.class, () -> wrong.api().ping(options()));
    }

    @Test
    void unknownKeyAndCloudAreRefused() {
        Cloudinary otherKey = fixture.client(fixture.emulator.account().apiSecret(), Map.of("api_key", "999"));
        RuntimeException key = assertThrows(RuntimeException.class,
                () -> otherKey.uploader().upload(new byte[] { 1 }, options("resource_type", "raw")));
        assertEquals("Unknown API key 999", key.getMessage());
        Cloudinary otherCloud = fixture.client(fixture.emulator.account().apiSecret(), Map.of("cloud_name", "nowhere"));
        RuntimeException cloud = assertThrows(RuntimeException.class,
                () -> otherCloud.uploader().upload(new byte[] { 1 }, options("resource_type", "raw")));
        assertEquals("Invalid cloud_name nowhere", cloud.getMessage());
        assertThrows(AuthorizationRequired.class, () -> otherCloud.api().ping(options()));
    }

    @Test
    void staleTimestampIsRefused() {
        long twoHoursAgo = Instant.now().minus(Duration.ofHours(2)).getEpochSecond();
        // callApi keeps a timestamp it is given; upload() always stamps the current time
        RuntimeException stale = assertThrows(RuntimeException.class, () -> fixture.uploader.callApi("upload",
                new java.util.HashMap<>(Map.of("timestamp", twoHoursAgo, "public_id", "stale.bin")),
                options("resource_type", "raw"), new byte[] { 1 }));
        assertTrue(stale.getMessage().startsWith("Stale request - reported time is "), stale.getMessage());
        assertTrue(stale.getMessage().endsWith("which is more than 1 hour ago"), stale.getMessage());
    }

    @Test
    void sha256SignaturesAreAccepted() throws Exception {
        Cloudinary sha256 = fixture.client(fixture.emulator.account().apiSecret(), Map.of("signature_algorithm", "SHA256"));
        Map<?, ?> result = sha256.uploader().upload(new byte[] { 1 },
                options("resource_type", "raw", "public_id", "sha256.bin", "tags", "rock&roll"));
        assertEquals("sha256.bin", result.get("public_id"));
        assertEquals(java.util.List.of("rock&roll"), result.get("tags"));
    }

    @ParameterizedTest
    @CsvSource({
            "400, com.cloudinary.api.exceptions.BadRequest",
            "401, com.cloudinary.api.AuthorizationRequired",
            "403, com.cloudinary.api.exceptions.NotAllowed",
            "404, com.cloudinary.api.exceptions.NotFound",
            "409, com.cloudinary.api.exceptions.AlreadyExists",
            "420, com.cloudinary.api.exceptions.RateLimited",
            "500, com.cloudinary.api.exceptions.GeneralError",
    })
    void everyErrorStatusReachesTheSdkAsItsException(int status, String exceptionClass) throws Exception {
        fixture.control.fault("admin:ping", status, 1);
        ApiException admin = assertThrows(ApiException.class, () -> fixture.api.ping(options()));
        assertEquals(exceptionClass, admin.getClass().getName());
        assertEquals("Injected fault: HTTP " + status, admin.getMessage());

        fixture.control.fault("upload:upload", status, 1);
        Map<?, ?> upload = fixture.uploader.upload(new byte[] { 1 }, options("resource_type", "raw", "return_error", true));
        if (status == 409) {
            // the SDK reads no JSON from a 409 upload answer
            assertTrue(String.valueOf(((Map<?, ?>) upload.get("error")).get("message"))
                    .startsWith("Server returned unexpected status code - 409"), upload.toString());
        } else {
            assertEquals(status, ((Map<?, ?>) upload.get("error")).get("http_code"));
        }
        assertEquals("ok", fixture.api.ping(options()).get("status"), "one fault, then normal service");
    }

    @Test
    void rateLimitHeadersAndFourTwentyWhenSpent() throws Exception {
        ApiResponse first = fixture.api.ping(options());
        RateLimit limit = first.apiRateLimit();
        assertEquals(500, limit.getLimit());
        assertEquals(499, limit.getRemaining());
        Date reset = limit.getReset();
        assertTrue(reset.toInstant().isAfter(Instant.now()), "reset " + reset);

        fixture.control.rateLimit(10, 2);
        assertEquals(1, fixture.api.ping(options()).apiRateLimit().getRemaining());
        assertEquals(0, fixture.api.ping(options()).apiRateLimit().getRemaining());
        assertThrows(com.cloudinary.api.exceptions.RateLimited.class, () -> fixture.api.ping(options()));
        // uploads are not rate limited
        assertNotNull(fixture.uploader.upload(new byte[] { 1 }, options("resource_type", "raw")).get("public_id"));

        fixture.control.rateLimit(10, 0, Duration.ofSeconds(1));
        assertThrows(com.cloudinary.api.exceptions.RateLimited.class, () -> fixture.api.ping(options()));
        Thread.sleep(1_200);
        assertEquals("ok", fixture.api.ping(options()).get("status"), "the window reset");
    }

    @Test
    void disconnectFaultIsAnIoErrorThenServiceResumes() throws Exception {
        fixture.control.disconnect("upload:upload", 1);
        Exception dropped = assertThrows(Exception.class,
                () -> fixture.uploader.upload(new byte[10_000], options("resource_type", "raw", "public_id", "d.bin")));
        assertInstanceOf(IOException.class, dropped, dropped.toString());
        assertEquals("d.bin", fixture.uploader.upload(new byte[10], options("resource_type", "raw", "public_id", "d.bin"))
                .get("public_id"));
    }

    @Test
    void faultsForAnyEndpoint() {
        fixture.control.fault("*", 503, 1);
        ApiException error = assertThrows(ApiException.class, () -> fixture.api.ping(options()));
        assertTrue(error.getMessage().contains("503"), error.getMessage());
    }

    @Test
    void timesZeroClearsTheFaultsOfThatEndpointOnly() throws Exception {
        fixture.control.fault("admin:ping", 500, 3);
        fixture.control.fault("admin:usage", 503, 1);
        HttpResponse<String> cleared = control("POST", "faults?endpoint=admin:ping&times=0");
        assertEquals(200, cleared.statusCode(), cleared.body());
        assertTrue(cleared.body().contains("\"cleared\":true"), cleared.body());
        assertEquals("ok", fixture.api.ping(options()).get("status"), "the three faults are gone");
        ApiException other = assertThrows(ApiException.class, () -> fixture.api.usage(options()));
        assertTrue(other.getMessage().contains("503"), "another endpoint's fault stays: " + other.getMessage());

        fixture.control.fault("*", 500, 2);
        assertEquals(200, control("POST", "faults?times=0").statusCode(), "without an endpoint: the faults for any");
        assertEquals("ok", fixture.api.ping(options()).get("status"));

        fixture.control.fault("admin:ping", 500, 1);
        fixture.control.clearFaults("admin:ping");
        assertEquals("ok", fixture.api.ping(options()).get("status"));
        assertEquals(400, control("POST", "faults?endpoint=admin:ping&times=-1").statusCode());
    }

    @Test
    void deleteClearsEveryFault() throws Exception {
        fixture.control.fault("admin:ping", 500, 2);
        fixture.control.disconnect("upload:upload", 1);
        fixture.control.fault("*", 503, 2);
        HttpResponse<String> cleared = control("DELETE", "faults");
        assertEquals(200, cleared.statusCode(), cleared.body());
        assertTrue(cleared.body().contains("\"cleared\":true"), cleared.body());
        assertEquals("ok", fixture.api.ping(options()).get("status"));
        assertNotNull(fixture.api.usage(options()).get("plan"));
        assertEquals("d.bin", fixture.uploader.upload(new byte[1], options("resource_type", "raw", "public_id", "d.bin"))
                .get("public_id"));
    }

    @Test
    void anUnknownControlIsNotFoundInCloudinarysErrorFormat() throws Exception {
        HttpResponse<String> unknown = control("POST", "nonsense");
        assertEquals(404, unknown.statusCode());
        assertEquals("{\"error\":{\"message\":\"Unknown emulator control POST /_emulator/nonsense\"}}", unknown.body());
        assertEquals(404, control("GET", "reset").statusCode(), "a control answers its own method only");
    }

    private static HttpResponse<String> control(String method, String command) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(fixture.emulator.baseUrl() + "/_emulator/" + command))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void latencyIsAddedToEveryRequest() throws Exception {
        fixture.control.latency(Duration.ofMillis(150));
        long started = System.nanoTime();
        fixture.api.ping(options());
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMillis >= 150, "took " + elapsedMillis + " ms");
        fixture.control.latency(Duration.ZERO);
    }

    @Test
    void requestsAreCountedPerEndpoint() throws Exception {
        fixture.uploader.upload(new byte[] { 1 }, options("resource_type", "raw", "public_id", "c.bin"));
        fixture.uploader.destroy("c.bin", options("resource_type", "raw"));
        fixture.api.ping(options());
        fixture.api.resources(options("resource_type", "raw"));
        assertEquals(1, fixture.control.requestCount("upload:upload"));
        assertEquals(1, fixture.control.requestCount("upload:destroy"));
        assertEquals(1, fixture.control.requestCount("admin:ping"));
        assertEquals(1, fixture.control.requestCount("admin:resources:list"));
        assertEquals(4, fixture.control.totalRequests());
        assertTrue(fixture.control.requestCounts().contains("\"upload:destroy\":1"), fixture.control.requestCounts());
        assertTrue(fixture.control.healthy());
    }

    @Test
    void resetForgetsAssets() throws Exception {
        fixture.uploader.upload(new byte[] { 1 }, options("resource_type", "raw", "public_id", "r.bin"));
        fixture.control.reset();
        assertThrows(com.cloudinary.api.exceptions.NotFound.class,
                () -> fixture.api.resource("r.bin", options("resource_type", "raw")));
        assertEquals(1, fixture.control.totalRequests(), "only the lookup after the reset was counted");
    }

    private static Map<?, ?> assertNoThrow(ThrowingCall call) {
        try {
            return call.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @FunctionalInterface
    interface ThrowingCall {
        Map<?, ?> get() throws Exception;
    }
}
