package io.quarkiverse.cloudinary.storage.test.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.cloudinary.storage.emulator.CloudinaryEmulator;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorAccount;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkus.builder.Version;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusProdModeTest;

/**
 * A packaged application in prod mode, with the right key and a wrong secret for a standalone emulator: it does not
 * start, and says why in one line that names the cloud and the key, never the secret, without spending an Admin API
 * call.
 */
class WrongSecretStopsStartupTest {

    static final String WRONG_SECRET = "not-the-secret-4711";
    static final CloudinaryEmulator EMULATOR = CloudinaryEmulator.builder().host("127.0.0.1").port(0).build().start();
    static final EmulatorAccount ACCOUNT = EMULATOR.account();

    @RegisterExtension
    static final QuarkusProdModeTest app = new QuarkusProdModeTest()
            .withEmptyApplication()
            .setApplicationName("wrong-secret")
            .setApplicationVersion("1.0")
            .setRun(true)
            .setExpectExit(true)
            // the test class path's HTTP server, which a packaged application does not get from test-scoped
            // dependencies by itself
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-rest", Version.getVersion())))
            .setRuntimeProperties(Map.of(
                    "quarkus.http.port", "0",
                    "quarkus.cloudinary.url",
                    "cloudinary://" + ACCOUNT.apiKey() + ":" + WRONG_SECRET + "@" + ACCOUNT.cloudName(),
                    "quarkus.cloudinary.api-base-url", EMULATOR.baseUrl(),
                    "quarkus.cloudinary.delivery-base-url", EMULATOR.baseUrl()));

    @AfterAll
    static void stopEmulator() {
        EMULATOR.stop();
    }

    @Test
    void startupStopsWithOneLineNamingTheCloudAndTheKey() {
        String output = app.getStartupConsoleOutput();
        assertNotEquals(0, app.getExitCode(), output);
        List<String> lines = Arrays.stream(output.split("\\R")).filter(l -> l.contains("Cloudinary refused")).toList();
        assertEquals(1, lines.size(), output);
        assertTrue(lines.get(0).startsWith("Cloudinary refused the credentials of cloud '" + ACCOUNT.cloudName()
                + "' with API key '" + ACCOUNT.apiKey() + "': the API secret does not match the API key (HTTP 401)."),
                lines.get(0));
        assertFalse(output.contains(WRONG_SECRET), output);
        assertFalse(output.contains(ACCOUNT.apiSecret()), output);
        // Cloudinary's own answer quotes the signature and the string to sign: none of it is repeated
        assertFalse(output.contains("String to sign"), output);
        assertFalse(output.contains("Failed to start application"), "no stack trace, one line: " + output);

        EmulatorControlClient control = new EmulatorControlClient(EMULATOR.baseUrl());
        assertEquals(1, control.requestCount("upload:explicit"), "one signed Upload API call");
        assertEquals(1, control.totalRequests(), "and nothing else: no Admin API call, nothing uploaded");
    }
}
