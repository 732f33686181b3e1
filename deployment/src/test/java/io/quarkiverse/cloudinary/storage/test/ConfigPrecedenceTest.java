package io.quarkiverse.cloudinary.storage.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.cloudinary.Cloudinary;

import io.quarkiverse.cloudinary.storage.client.CloudinarySettings;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A property beats the environment key by key. {@code CLOUDINARY_URL} is given as a config key here, which is how the
 * extension reads the environment; {@code EnvironmentVariablesTest} uses a real environment variable.
 */
class ConfigPrecedenceTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("CLOUDINARY_URL", "cloudinary://envkey:envsecret@envcloud")
            .overrideConfigKey("quarkus.cloudinary.cloud-name", "propcloud")
            .overrideConfigKey("quarkus.cloudinary.secure", "false")
            .overrideConfigKey("quarkus.cloudinary.api-base-url", "http://127.0.0.1:9/")
            .overrideConfigKey("quarkus.cloudinary.delivery-base-url", "https://cdn.example.test");

    @Inject
    Cloudinary cloudinary;

    @Inject
    CloudinarySettings settings;

    @Test
    void propertyWinsForTheCloudNameAndTheEnvironmentFillsTheRest() {
        assertEquals("propcloud", cloudinary.config.cloudName);
        assertEquals("envkey", cloudinary.config.apiKey);
        assertEquals("envsecret", cloudinary.config.apiSecret);
    }

    @Test
    void baseUrlsReachTheSdk() {
        assertEquals("http://127.0.0.1:9", cloudinary.config.uploadPrefix);
        // the delivery base URL's https scheme wins over secure=false
        assertEquals("https://cdn.example.test/propcloud/image/upload/sample.jpg",
                cloudinary.url().format("jpg").generate("sample"));
    }

    @Test
    void generatedUrlsCarryNoAnalyticsQuery() {
        assertFalse(cloudinary.url().generate("a/b").contains("?"));
    }

    @Test
    void noDevServiceWhenCredentialsAreConfigured() {
        // the Dev Service would have replaced the base URL with its own
        assertEquals("http://127.0.0.1:9/",
                ConfigProvider.getConfig().getValue("quarkus.cloudinary.api-base-url", String.class));
    }

    @Test
    void settingsNeverPrintTheSecret() {
        assertFalse(settings.toString().contains("envsecret"), settings.toString());
        assertTrue(settings.toString().contains("envkey"), settings.toString());
    }
}
