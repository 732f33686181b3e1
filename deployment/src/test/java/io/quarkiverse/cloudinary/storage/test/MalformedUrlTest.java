package io.quarkiverse.cloudinary.storage.test;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class MalformedUrlTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.cloudinary.url", "https://123456:hunter2secret@my-cloud")
            .assertException(StartupFailures.configurationError(new String[] {
                    "quarkus.cloudinary.url is not a valid Cloudinary URL", "the scheme is 'https'",
                    "cloudinary://API_KEY:API_SECRET@CLOUD_NAME" }, "hunter2secret"));

    @Test
    void doesNotStart() {
        fail("the application started with a malformed Cloudinary URL");
    }
}
