package io.quarkiverse.cloudinary.storage.test;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** With the Dev Service off and no account anywhere, the application must not start. */
class MissingCredentialsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.cloudinary.devservices.enabled", "false")
            .assertException(StartupFailures.configurationError(new String[] {
                    "No Cloudinary credentials are configured",
                    "quarkus.cloudinary.url", "CLOUDINARY_URL", "CLOUDINARY_CLOUD_NAME" }));

    @Test
    void doesNotStart() {
        fail("the application started without Cloudinary credentials");
    }
}
