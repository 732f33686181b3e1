package io.quarkiverse.cloudinary.storage.test;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class InvalidStaticConcurrencyTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.cloudinary.url", "cloudinary://k:s@c")
            .overrideConfigKey("quarkus.cloudinary.static.concurrency", "0")
            .overrideConfigKey("quarkus.cloudinary.static.upload", "manual")
            .assertException(StartupFailures.configurationError(new String[] {
                    "quarkus.cloudinary.static.concurrency must be at least 1, got 0" }));

    @Test
    void doesNotStart() {
        fail("the application started with a static upload concurrency of 0");
    }
}
