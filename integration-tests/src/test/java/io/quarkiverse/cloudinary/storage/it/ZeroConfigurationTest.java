package io.quarkiverse.cloudinary.storage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.cloudinary.Cloudinary;
import com.cloudinary.api.ApiResponse;

import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkus.test.junit.QuarkusTest;

/** application.properties names no Cloudinary account: the emulator Dev Service must have started. */
@QuarkusTest
class ZeroConfigurationTest {

    @Inject
    Cloudinary cloudinary;

    @Inject
    CloudinaryOperations operations;

    @Test
    void clientPointsAtTheEmulator() {
        String apiBase = ConfigProvider.getConfig().getValue("quarkus.cloudinary.api-base-url", String.class);
        assertTrue(apiBase.matches("http://127\\.0\\.0\\.1:\\d+"), apiBase);
        assertEquals(apiBase, cloudinary.config.uploadPrefix);
        assertEquals("dev-cloud", cloudinary.config.cloudName);
        assertTrue(cloudinary.url().generate("x").startsWith(apiBase + "/dev-cloud/image/upload/"),
                cloudinary.url().generate("x"));
    }

    @Test
    void adminApiAnswersThroughTheTypedLayer() {
        ApiResponse ping = operations.admin("ping", (api, options) -> api.ping(options));
        assertEquals("ok", ping.get("status"));
        assertTrue(operations.rateLimit().isPresent(), "the emulator sends rate-limit headers");
    }
}
