package io.quarkiverse.cloudinary.storage.test;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class EmptyCloudNameTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.cloudinary.url", "cloudinary://123456:hunter2secret@")
            .assertException(StartupFailures.configurationError(new String[] {
                    "quarkus.cloudinary.url", "the cloud name is empty" }, "hunter2secret"));

    @Test
    void doesNotStart() {
        fail("the application started with an empty cloud name");
    }
}
