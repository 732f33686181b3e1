package io.quarkiverse.cloudinary.storage.test;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class InvalidTimeoutTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.cloudinary.url", "cloudinary://k:s@c")
            .overrideConfigKey("quarkus.cloudinary.http.read-timeout", "0s")
            .assertException(StartupFailures.configurationError(new String[] {
                    "quarkus.cloudinary.http.read-timeout must be positive" }));

    @Test
    void doesNotStart() {
        fail("the application started with a zero read timeout");
    }
}
