package io.quarkiverse.cloudinary.storage.test;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** A partial account is a mistake, not a reason to start the emulator. */
class MissingSecretTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.cloudinary.cloud-name", "my-cloud")
            .overrideConfigKey("quarkus.cloudinary.api-key", "123456")
            .assertException(StartupFailures.configurationError(new String[] {
                    "The Cloudinary API secret is not configured", "quarkus.cloudinary.api-secret",
                    "CLOUDINARY_API_SECRET" }));

    @Test
    void doesNotStart() {
        fail("the application started without an API secret");
    }
}
