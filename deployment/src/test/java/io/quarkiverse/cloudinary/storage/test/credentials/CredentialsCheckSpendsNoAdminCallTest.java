package io.quarkiverse.cloudinary.storage.test.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The check turned on outside prod mode, with the Dev Service's right credentials: the application starts, after one
 * Upload API call, which counts against no Admin API budget and leaves no file.
 */
class CredentialsCheckSpendsNoAdminCallTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.cloudinary.check-credentials", "true");

    @Test
    void rightCredentialsStartWithOneUploadApiCall() {
        EmulatorControlClient emulator = new EmulatorControlClient(
                ConfigProvider.getConfig().getValue("quarkus.cloudinary.api-base-url", String.class));
        assertEquals(1, emulator.requestCount("upload:explicit"), emulator.requestCounts());
        assertEquals(1, emulator.totalRequests(), emulator.requestCounts());
    }
}
