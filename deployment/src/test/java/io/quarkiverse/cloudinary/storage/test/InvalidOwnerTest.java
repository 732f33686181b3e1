package io.quarkiverse.cloudinary.storage.test;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class InvalidOwnerTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.cloudinary.url", "cloudinary://k:s@c")
            .overrideConfigKey("quarkus.cloudinary.owner", "x".repeat(201))
            .overrideConfigKey("quarkus.cloudinary.static.upload", "manual")
            .assertException(StartupFailures.configurationError(new String[] {
                    "quarkus.cloudinary.owner must be 1 to 200 characters" }));

    @Test
    void doesNotStart() {
        fail("the application started with an owner mark of 201 characters");
    }
}
