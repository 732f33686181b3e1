package io.quarkiverse.cloudinary.storage.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.cloudinary.Cloudinary;

import io.quarkus.test.QuarkusUnitTest;

/**
 * Runs in its own Surefire execution whose process has {@code CLOUDINARY_URL=cloudinary://envkey:envsecret@envcloud}
 * and {@code CLOUDINARY_API_KEY=singlekey} in its real environment (see deployment/pom.xml).
 */
class EnvironmentVariablesTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.cloudinary.api-secret", "propsecret");

    @Inject
    Cloudinary cloudinary;

    @Test
    void eachValueComesFromTheMostSpecificSource() {
        assertEquals("envcloud", cloudinary.config.cloudName, "only CLOUDINARY_URL has the cloud name");
        assertEquals("singlekey", cloudinary.config.apiKey, "CLOUDINARY_API_KEY beats CLOUDINARY_URL");
        assertEquals("propsecret", cloudinary.config.apiSecret, "the property beats the environment");
    }
}
